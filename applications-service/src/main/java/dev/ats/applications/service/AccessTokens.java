package dev.ats.applications.service;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;

/** Candidate access tokens and the hashes that stand in for secrets in the database. */
public final class AccessTokens {

  private static final SecureRandom RANDOM = new SecureRandom();

  private AccessTokens() {}

  /** 32 random bytes, base64url without padding. */
  public static String newToken() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  public static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }

  /** Compares the token's hash with the stored one in constant time. */
  public static boolean matches(String token, byte[] storedHash) {
    byte[] presented = sha256(token == null ? "" : token);
    return storedHash != null && MessageDigest.isEqual(presented, storedHash);
  }
}
