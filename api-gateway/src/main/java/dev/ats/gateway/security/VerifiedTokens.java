package dev.ats.gateway.security;

import dev.ats.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Iterator;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.LongSupplier;

/**
 * Bearer tokens this gateway has already verified, so that the same token is not parsed and its
 * RS256 signature checked again on every request. Only a token that smallrye-jwt verified is ever
 * put here, so a forged, expired or otherwise invalid token is never cached as valid; an entry is
 * kept by the SHA-256 of the token (the token itself is not kept), never used at or after the
 * token's {@code exp}, and at most {@code max-age} after it was verified (so a key rotation is
 * noticed within that time). The cache is bounded: when full, expired entries go first, then
 * arbitrary ones.
 */
@ApplicationScoped
public class VerifiedTokens {

  private record Entry(Caller caller, long validUntilMillis) {}

  private final ConcurrentHashMap<ByteBuffer, Entry> entries = new ConcurrentHashMap<>();
  private final int maxEntries;
  private final long maxAgeMillis;
  private final LongSupplier clock;

  @Inject
  public VerifiedTokens(GatewayConfig config) {
    this(config.tokenCache().maxEntries(), config.tokenCache().maxAge(), System::currentTimeMillis);
  }

  /**
   * @param maxEntries at most this many tokens (0: caching off)
   * @param maxAge how long a verification is trusted at most
   * @param clock epoch milliseconds
   */
  public VerifiedTokens(int maxEntries, Duration maxAge, LongSupplier clock) {
    this.maxEntries = maxEntries;
    this.maxAgeMillis = maxAge.toMillis();
    this.clock = clock;
  }

  /** The caller of a token verified before and still valid, or empty. */
  public Optional<Caller> get(String token) {
    if (maxEntries <= 0) {
      return Optional.empty();
    }
    ByteBuffer key = key(token);
    Entry entry = entries.get(key);
    if (entry == null) {
      return Optional.empty();
    }
    if (clock.getAsLong() >= entry.validUntilMillis()) {
      entries.remove(key, entry);
      return Optional.empty();
    }
    return Optional.of(entry.caller());
  }

  /**
   * Remembers a token that was just verified, for {@code caller}, until its expiry ({@code exp},
   * epoch seconds) or {@code max-age}, whichever is sooner. Anonymous callers and tokens without an
   * expiry in the future are not remembered.
   */
  public void put(String token, Caller caller, long expiresAtEpochSeconds) {
    if (maxEntries <= 0 || caller.isAnonymous() || expiresAtEpochSeconds <= 0) {
      return;
    }
    long now = clock.getAsLong();
    long validUntil = Math.min(expiresAtEpochSeconds * 1000, now + maxAgeMillis);
    if (validUntil <= now) {
      return;
    }
    if (entries.size() >= maxEntries) {
      makeRoom(now);
    }
    entries.put(key(token), new Entry(caller, validUntil));
  }

  int size() {
    return entries.size();
  }

  /** Drops expired entries; if that is not enough, a tenth of the others. */
  private void makeRoom(long now) {
    entries.values().removeIf(e -> now >= e.validUntilMillis());
    if (entries.size() < maxEntries) {
      return;
    }
    int drop = Math.max(1, maxEntries / 10);
    Iterator<ByteBuffer> it = entries.keySet().iterator();
    while (drop-- > 0 && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  /** One digest per thread (event loops): looking the algorithm up costs more than hashing. */
  private static final ThreadLocal<MessageDigest> SHA_256 =
      ThreadLocal.withInitial(
          () -> {
            try {
              return MessageDigest.getInstance("SHA-256");
            } catch (NoSuchAlgorithmException e) {
              throw new IllegalStateException(e);
            }
          });

  private static ByteBuffer key(String token) {
    MessageDigest digest = SHA_256.get();
    digest.reset();
    return ByteBuffer.wrap(digest.digest(token.getBytes(StandardCharsets.US_ASCII)));
  }
}
