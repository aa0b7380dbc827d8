package dev.ats.gateway.ratelimit;

import dev.ats.gateway.config.GatewayConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.EnumMap;
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

  /** Per plan, the callers' buckets (no key to build per request); limits read once. */
  private final Map<Plan, ConcurrentHashMap<String, TokenBucket>> buckets =
      new EnumMap<>(Plan.class);

  private final Map<Plan, Integer> limits = new EnumMap<>(Plan.class);
  private final Map<Plan, Long> periods = new EnumMap<>(Plan.class);

  public RateLimiter(GatewayConfig config) {
    this.config = config.rateLimit();
    for (Plan plan : Plan.values()) {
      buckets.put(plan, new ConcurrentHashMap<>());
      limits.put(plan, limit(plan));
      periods.put(plan, period(plan).toNanos());
    }
  }

  public boolean enabled() {
    return config.enabled();
  }

  /** Takes one token from {@code caller}'s bucket for {@code plan}. */
  public RateLimitDecision take(Plan plan, String caller) {
    long now = System.nanoTime();
    ConcurrentHashMap<String, TokenBucket> callers = buckets.get(plan);
    TokenBucket bucket = callers.get(caller);
    if (bucket == null) {
      int limit = limits.get(plan);
      long period = periods.get(plan);
      bucket = callers.computeIfAbsent(caller, k -> new TokenBucket(limit, period, now));
    }
    return bucket.take(now);
  }

  /**
   * Forgets buckets that have refilled completely, so memory follows active callers only. A request
   * racing with the removal may take its token from the forgotten bucket: at most one request per
   * caller per sweep goes uncounted, which is not worth a lock on every request.
   */
  public void evictIdle() {
    long now = System.nanoTime();
    for (ConcurrentHashMap<String, TokenBucket> callers : buckets.values()) {
      callers.values().removeIf(bucket -> bucket.isFull(now));
    }
  }

  int size() {
    return buckets.values().stream().mapToInt(Map::size).sum();
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
