package dev.ats.gateway.ratelimit;

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

  public void writeHeaders(HttpServerResponse response) {
    response
        .putHeader("RateLimit-Limit", Integer.toString(limit))
        .putHeader("RateLimit-Remaining", Integer.toString(remaining))
        .putHeader("RateLimit-Reset", Long.toString(resetSeconds));
    if (!allowed) {
      response.putHeader("Retry-After", Long.toString(Math.max(1, retryAfterSeconds)));
    }
  }
}
