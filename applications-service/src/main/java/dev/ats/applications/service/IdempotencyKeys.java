package dev.ats.applications.service;

import dev.ats.web.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * {@code Idempotency-Key} for submissions. The first request with a key claims it (a row keyed by
 * the key's SHA-256, in the submission's transaction); a concurrent request with the same key waits
 * on that row and then replays the committed response. A request with the same key and another body
 * is a 422. A failed request leaves no row, so it can be retried with its key.
 *
 * <p>The stored response holds the one-time access token, so it is encrypted (AES-GCM) with a key
 * derived from the Idempotency-Key, which only the client knows: the database alone reveals neither
 * the key nor the token.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class IdempotencyKeys {

  /** A response to replay. */
  public record StoredResponse(int status, String location, String body) {}

  private static final SecureRandom RANDOM = new SecureRandom();
  private final EntityManager em;

  public IdempotencyKeys(EntityManager em) {
    this.em = em;
  }

  /**
   * Claims {@code key} for a request whose body hashes to {@code requestHash}.
   *
   * @return empty if the key is new (go on and {@link #complete} it), else the original response
   */
  public Optional<StoredResponse> claim(String key, String requestHash) {
    String keyHash = AccessTokens.sha256Hex("lookup\n" + key);
    int inserted =
        em.createNativeQuery(
                "insert into idempotency_key (key_hash, request_hash, created_at)"
                    + " values (:keyHash, :requestHash, now()) on conflict do nothing")
            .setParameter("keyHash", keyHash)
            .setParameter("requestHash", requestHash)
            .executeUpdate();
    if (inserted == 1) {
      return Optional.empty();
    }
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select request_hash, status, location, response from idempotency_key"
                    + " where key_hash = :keyHash")
            .setParameter("keyHash", keyHash)
            .getResultList();
    if (rows.isEmpty()) {
      throw ApiException.conflict(
          "A request with this Idempotency-Key is being processed; retry in a moment");
    }
    Object[] row = rows.get(0);
    if (!requestHash.equals(row[0])) {
      throw ApiException.unprocessable(
          "This Idempotency-Key was already used with a different request body");
    }
    if (row[3] == null) {
      throw ApiException.conflict(
          "The original request with this Idempotency-Key has no response to replay");
    }
    return Optional.of(
        new StoredResponse(
            ((Number) row[1]).intValue(), (String) row[2], decrypt(key, (byte[]) row[3])));
  }

  public void complete(String key, UUID applicationId, int status, String location, String body) {
    em.createNativeQuery(
            "update idempotency_key set application_id = cast(:applicationId as uuid),"
                + " status = :status, location = :location, response = :response"
                + " where key_hash = :keyHash")
        .setParameter("applicationId", applicationId.toString())
        .setParameter("status", status)
        .setParameter("location", location)
        .setParameter("response", encrypt(key, body))
        .setParameter("keyHash", AccessTokens.sha256Hex("lookup\n" + key))
        .executeUpdate();
  }

  /** Forgets the stored responses of these applications (erasure: they hold personal data). */
  public void forget(List<UUID> applicationIds) {
    if (applicationIds.isEmpty()) {
      return;
    }
    em.createNativeQuery(
            "delete from idempotency_key where application_id = any(cast(:ids as uuid[]))")
        .setParameter("ids", ApplicationService.uuidArray(applicationIds))
        .executeUpdate();
  }

  private static SecretKeySpec cipherKey(String key) {
    return new SecretKeySpec(AccessTokens.sha256("encrypt\n" + key), "AES");
  }

  private static byte[] encrypt(String key, String body) {
    try {
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, cipherKey(key), new GCMParameterSpec(128, iv));
      byte[] sealed = cipher.doFinal(body.getBytes(StandardCharsets.UTF_8));
      return ByteBuffer.allocate(iv.length + sealed.length).put(iv).put(sealed).array();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("AES-GCM is always available", e);
    }
  }

  private static String decrypt(String key, byte[] stored) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, cipherKey(key), new GCMParameterSpec(128, stored, 0, 12));
      return new String(cipher.doFinal(stored, 12, stored.length - 12), StandardCharsets.UTF_8);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("stored idempotent response cannot be decrypted", e);
    }
  }
}
