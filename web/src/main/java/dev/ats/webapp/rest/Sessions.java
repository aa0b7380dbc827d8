package dev.ats.webapp.rest;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.webapp.config.WebConfig;
import dev.ats.webapp.service.SignedIn;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.ws.rs.core.Cookie;
import jakarta.ws.rs.core.NewCookie;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.Optional;
import javax.crypto.Cipher;
import javax.crypto.Mac;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * The board's session: who is signed in, kept in the browser as one cookie encrypted and
 * authenticated with AES-256-GCM (HttpOnly, SameSite=Strict, path /board, Secure unless told
 * otherwise), so the web application keeps no state and any replica can read it. Also the CSRF
 * token of the board's forms: an HMAC of the session cookie, checked on every POST.
 */
@ApplicationScoped
public class Sessions {

  static final String COOKIE = "ats_board";
  static final String SIGN_IN_COOKIE = "ats_sign_in";
  private static final SecureRandom RANDOM = new SecureRandom();

  private final SecretKeySpec key;
  private final WebConfig config;
  private final ObjectMapper json;

  public Sessions(WebConfig config, ObjectMapper json) {
    this.config = config;
    this.json = json;
    byte[] secret = new byte[32];
    if (config.session().encryptionKey().isPresent()) {
      try {
        secret =
            MessageDigest.getInstance("SHA-256")
                .digest(config.session().encryptionKey().get().getBytes(StandardCharsets.UTF_8));
      } catch (GeneralSecurityException e) {
        throw new IllegalStateException(e);
      }
    } else {
      RANDOM.nextBytes(secret);
    }
    this.key = new SecretKeySpec(secret, "AES");
  }

  public NewCookie open(SignedIn signedIn) {
    try {
      Map<String, Object> fields = new java.util.HashMap<>();
      fields.put("t", signedIn.token());
      fields.put("n", signedIn.name());
      fields.put("g", signedIn.group());
      fields.put("e", signedIn.expiresAt().getEpochSecond());
      if (signedIn.signOutUrl() != null) {
        fields.put("l", signedIn.signOutUrl());
      }
      byte[] plain = json.writeValueAsBytes(fields);
      byte[] iv = new byte[12];
      RANDOM.nextBytes(iv);
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.ENCRYPT_MODE, key, new GCMParameterSpec(128, iv));
      byte[] sealed = cipher.doFinal(plain);
      String value =
          Base64.getUrlEncoder()
              .withoutPadding()
              .encodeToString(ByteBuffer.allocate(12 + sealed.length).put(iv).put(sealed).array());
      return cookie(value, (int) config.session().maxAge().toSeconds());
    } catch (Exception e) {
      throw new IllegalStateException("cannot seal the session", e);
    }
  }

  public NewCookie close() {
    return cookie("", 0);
  }

  private NewCookie cookie(String value, int maxAge) {
    return new NewCookie.Builder(COOKIE)
        .value(value)
        .path("/board")
        .maxAge(maxAge)
        .httpOnly(true)
        .secure(config.session().secure())
        .sameSite(NewCookie.SameSite.STRICT)
        .build();
  }

  /** The signed-in user of this cookie, if it is ours, intact and not expired. */
  public Optional<SignedIn> read(Cookie cookie) {
    if (cookie == null || cookie.getValue() == null || cookie.getValue().isBlank()) {
      return Optional.empty();
    }
    try {
      byte[] all = Base64.getUrlDecoder().decode(cookie.getValue());
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(Cipher.DECRYPT_MODE, key, new GCMParameterSpec(128, all, 0, 12));
      byte[] plain = cipher.doFinal(all, 12, all.length - 12);
      var node = json.readTree(plain);
      Instant expires = Instant.ofEpochSecond(node.path("e").asLong());
      if (Instant.now().isAfter(expires)) {
        return Optional.empty();
      }
      return Optional.of(
          new SignedIn(
              node.path("t").asText(),
              node.path("n").asText(),
              node.path("g").asText(),
              expires,
              node.hasNonNull("l") ? node.path("l").asText() : null));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** The CSRF token of the board's forms for this session cookie. */
  public String csrfToken(Cookie cookie) {
    return tag("csrf:" + cookie.getValue());
  }

  public boolean csrfValid(Cookie cookie, String sent) {
    return cookie != null && cookie.getValue() != null && same(csrfToken(cookie), sent);
  }

  /**
   * The sign-in form's CSRF cookie (before anyone is signed in there is no session to tie the form
   * to): a random value, HttpOnly, SameSite=Strict, for {@code /board/sign-in} only; the form
   * carries its HMAC. A new one only when the browser has none.
   */
  public NewCookie signInNonce() {
    byte[] nonce = new byte[18];
    RANDOM.nextBytes(nonce);
    return new NewCookie.Builder(SIGN_IN_COOKIE)
        .value(Base64.getUrlEncoder().withoutPadding().encodeToString(nonce))
        .path("/board/sign-in")
        .maxAge((int) java.time.Duration.ofHours(12).toSeconds())
        .httpOnly(true)
        .secure(config.session().secure())
        .sameSite(NewCookie.SameSite.STRICT)
        .build();
  }

  /** The sign-in form's CSRF token for this nonce (the cookie's value). */
  public String signInCsrfToken(String nonce) {
    return tag("sign-in:" + nonce);
  }

  public boolean signInCsrfValid(Cookie nonce, String sent) {
    return nonce != null
        && nonce.getValue() != null
        && !nonce.getValue().isBlank()
        && same(signInCsrfToken(nonce.getValue()), sent);
  }

  private String tag(String text) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
      byte[] tag = mac.doFinal(text.getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean same(String expected, String sent) {
    return sent != null
        && MessageDigest.isEqual(
            expected.getBytes(StandardCharsets.UTF_8), sent.getBytes(StandardCharsets.UTF_8));
  }
}
