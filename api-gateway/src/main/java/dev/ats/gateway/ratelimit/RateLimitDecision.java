package dev.ats.gateway.ratelimit;

import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerResponse;

/**
 * The outcome of one request against its caller's bucket, and what the caller is told about it (the
 * {@code RateLimit-*} fields of the IETF httpapi rate-limit headers draft).
 *
 * @param resetSeconds seconds until the bucket is full again
 * @param retryAfterSeconds seconds until the next request would be allowed (0 if it would now)
 */
public record RateLimitDecision(
    boolean allowed, int limit, int remaining, long resetSeconds, long retryAfterSeconds) {

  // Header names encoded once, not on every response.
  private static final CharSequence LIMIT = HttpHeaders.createOptimized("RateLimit-Limit");
  private static final CharSequence REMAINING = HttpHeaders.createOptimized("RateLimit-Remaining");
  private static final CharSequence RESET = HttpHeaders.createOptimized("RateLimit-Reset");
  private static final CharSequence RETRY_AFTER = HttpHeaders.createOptimized("Retry-After");

  public void writeHeaders(HttpServerResponse response) {
    response
        .putHeader(LIMIT, Integer.toString(limit))
        .putHeader(REMAINING, Integer.toString(remaining))
        .putHeader(RESET, Long.toString(resetSeconds));
    if (!allowed) {
      response.putHeader(RETRY_AFTER, Long.toString(Math.max(1, retryAfterSeconds)));
    }
  }
}
