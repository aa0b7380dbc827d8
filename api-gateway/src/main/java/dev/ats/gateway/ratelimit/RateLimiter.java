package dev.ats.gateway.ratelimit;

import dev.ats.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Per-caller token buckets, in memory: every gateway replica counts on its own, so the effective
 * limit behind N replicas is up to N times the configured one.
 */
@ApplicationScoped
public class RateLimiter {

  /** Which limit a request counts against. */
  public enum Plan {
    AUTHENTICATED,
    ANONYMOUS,
    ANONYMOUS_SUBMIT
  }

  private final GatewayConfig.RateLimit config;
  private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

  public RateLimiter(GatewayConfig config) {
    this.config = config.rateLimit();
  }

  public boolean enabled() {
    return config.enabled();
  }

  /** Takes one token from {@code caller}'s bucket for {@code plan}. */
  public RateLimitDecision take(Plan plan, String caller) {
    long now = System.nanoTime();
    int limit = limit(plan);
    long period = period(plan).toNanos();
    return buckets
        .computeIfAbsent(plan + " " + caller, k -> new TokenBucket(limit, period, now))
        .take(now);
  }

  /**
   * Forgets buckets that have refilled completely, so memory follows active callers only. A request
   * racing with the removal may take its token from the forgotten bucket: at most one request per
   * caller per sweep goes uncounted, which is not worth a lock on every request.
   */
  public void evictIdle() {
    long now = System.nanoTime();
    buckets.values().removeIf(bucket -> bucket.isFull(now));
  }

  int size() {
    return buckets.size();
  }

  private int limit(Plan plan) {
    return switch (plan) {
      case AUTHENTICATED -> config.authenticatedLimit();
      case ANONYMOUS -> config.anonymousLimit();
      case ANONYMOUS_SUBMIT -> config.anonymousSubmitLimit();
    };
  }

  private Duration period(Plan plan) {
    return switch (plan) {
      case AUTHENTICATED -> config.authenticatedPeriod();
      case ANONYMOUS -> config.anonymousPeriod();
      case ANONYMOUS_SUBMIT -> config.anonymousSubmitPeriod();
    };
  }
}
