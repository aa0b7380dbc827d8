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
      byte[] plain =
          json.writeValueAsBytes(
              Map.of(
                  "t", signedIn.token(),
                  "n", signedIn.name(),
                  "g", signedIn.group(),
                  "e", signedIn.expiresAt().getEpochSecond()));
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
              node.path("t").asText(), node.path("n").asText(), node.path("g").asText(), expires));
    } catch (Exception e) {
      return Optional.empty();
    }
  }

  /** The CSRF token of the board's forms for this session cookie. */
  public String csrfToken(Cookie cookie) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key.getEncoded(), "HmacSHA256"));
      byte[] tag = mac.doFinal(("csrf:" + cookie.getValue()).getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(tag);
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  public boolean csrfValid(Cookie cookie, String sent) {
    return cookie != null
        && sent != null
        && MessageDigest.isEqual(
            csrfToken(cookie).getBytes(StandardCharsets.UTF_8),
            sent.getBytes(StandardCharsets.UTF_8));
  }
}
