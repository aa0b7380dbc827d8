package dev.ats.gateway.ratelimit;

/**
 * Holds up to {@code limit} tokens and refills them evenly over {@code period}; each request takes
 * one. Thread-safe: requests from one caller can arrive on several event loops.
 */
final class TokenBucket {

  private final int limit;
  private final long periodNanos;
  private double tokens;
  private long updatedNanos;

  TokenBucket(int limit, long periodNanos, long nowNanos) {
    this.limit = limit;
    this.periodNanos = periodNanos;
    this.tokens = limit;
    this.updatedNanos = nowNanos;
  }

  synchronized RateLimitDecision take(long nowNanos) {
    refill(nowNanos);
    boolean allowed = tokens >= 1;
    if (allowed) {
      tokens -= 1;
    }
    long untilFull = (long) Math.ceil((limit - tokens) * nanosPerToken());
    long untilNext = tokens >= 1 ? 0 : (long) Math.ceil((1 - tokens) * nanosPerToken());
    return new RateLimitDecision(
        allowed, limit, (int) Math.floor(tokens), seconds(untilFull), seconds(untilNext));
  }

  /** True when the bucket has been idle long enough to be full: forgetting it changes nothing. */
  synchronized boolean isFull(long nowNanos) {
    refill(nowNanos);
    return tokens >= limit;
  }

  private void refill(long nowNanos) {
    long elapsed = nowNanos - updatedNanos;
    if (elapsed > 0) {
      tokens = Math.min(limit, tokens + elapsed / nanosPerToken());
      updatedNanos = nowNanos;
    }
  }

  private double nanosPerToken() {
    return (double) periodNanos / limit;
  }

  private static long seconds(long nanos) {
    return nanos <= 0 ? 0 : (nanos + 999_999_999L) / 1_000_000_000L;
  }
}
