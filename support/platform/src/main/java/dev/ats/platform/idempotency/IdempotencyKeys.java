package dev.ats.platform.idempotency;

import dev.ats.web.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.time.Instant;
import java.util.Collection;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The stored {@code Idempotency-Key}s of one service, in its own database: the table named by
 * {@code ats.idempotency.table} (default {@code idempotency_key}), which the service creates in its
 * own Flyway migrations (not in the platform's {@code db/platform}: a platform migration numbered
 * below a service's applied versions would not apply to an existing database):
 *
 * <pre>
 * create table idempotency_key (
 *     key_hash     varchar(64)  primary key,  -- SHA-256 of the key, never the key
 *     request_hash varchar(64)  not null,     -- SHA-256 of the canonical request body
 *     resource_id  varchar(200),              -- the created resource (last segment of Location)
 *     status       integer,
 *     location     varchar(500),
 *     response     bytea,                     -- the JSON body, AES-GCM with a key derived from the key
 *     created_at   timestamptz  not null);
 * create index idempotency_key_resource on idempotency_key (resource_id);
 * create index idempotency_key_created_at on idempotency_key (created_at);
 * </pre>
 *
 * <p>The first request with a key claims it by inserting its row in the request's transaction; a
 * concurrent request with the same key waits on that row, then replays the committed response. The
 * response may hold a secret (e.g. a one-time token), so it is encrypted with a key derived from
 * the Idempotency-Key, which only the client knows: the database alone reveals neither.
 */
@ApplicationScoped
public class IdempotencyKeys {

  /** A response to replay: status, {@code Location} (or null) and JSON body. */
  public record StoredResponse(int status, String location, String body) {}

  private static final Pattern TABLE_NAME = Pattern.compile("[a-z_][a-z0-9_]{0,62}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private final EntityManager em;
  private final String table;

  public IdempotencyKeys(
      EntityManager em,
      @ConfigProperty(name = "ats.idempotency.table", defaultValue = "idempotency_key")
          String table) {
    if (!TABLE_NAME.matcher(table).matches()) {
      throw new IllegalArgumentException("ats.idempotency.table is not a table name: " + table);
    }
    this.em = em;
    this.table = table;
  }

  /**
   * Claims {@code key} for a request whose body hashes to {@code requestHash}.
   *
   * @return empty if the key is new (go on, then {@link #complete} it in the same transaction),
   *     else the original response
   * @throws ApiException 422 if the key was used with another body
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public Optional<StoredResponse> claim(String key, String requestHash) {
    String keyHash = lookupHash(key);
    int inserted =
        em.createNativeQuery(
                "insert into "
                    + table
                    + " (key_hash, request_hash, created_at)"
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
                "select request_hash, status, location, response from "
                    + table
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

  /**
   * Keeps the response to a claimed key.
   *
   * @param resourceId what the request created (null if nothing), so that {@link #forget} can drop
   *     the response with it
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void complete(String key, StoredResponse response, String resourceId) {
    em.createNativeQuery(
            "update "
                + table
                + " set resource_id = :resourceId, status = :status, location = :location,"
                + " response = :response where key_hash = :keyHash")
        .setParameter("resourceId", resourceId)
        .setParameter("status", response.status())
        .setParameter("location", response.location())
        .setParameter("response", encrypt(key, response.body()))
        .setParameter("keyHash", lookupHash(key))
        .executeUpdate();
  }

  /**
   * Forgets the stored responses of these resources (e.g. on erasure, as they hold personal data).
   *
   * @return how many keys were forgotten
   */
  @Transactional
  public int forget(Collection<String> resourceIds) {
    if (resourceIds.isEmpty()) {
      return 0;
    }
    return em.createNativeQuery("delete from " + table + " where resource_id in (:ids)")
        .setParameter("ids", resourceIds)
        .executeUpdate();
  }

  /**
   * Forgets the keys claimed before {@code before}: a retry with one of them runs as a new request.
   *
   * @return how many keys were forgotten
   */
  @Transactional
  public int forgetCreatedBefore(Instant before) {
    return em.createNativeQuery("delete from " + table + " where created_at < :before")
        .setParameter("before", before)
        .executeUpdate();
  }

  private static String lookupHash(String key) {
    return HexFormat.of().formatHex(sha256("lookup\n" + key));
  }

  private static SecretKeySpec cipherKey(String key) {
    return new SecretKeySpec(sha256("encrypt\n" + key), "AES");
  }

  static byte[] sha256(String value) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(value.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
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
