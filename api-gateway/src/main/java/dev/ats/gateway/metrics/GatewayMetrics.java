package dev.ats.gateway.metrics;

import dev.ats.gateway.ratelimit.RateLimiter;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Locale;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;

/**
 * The gateway's own metrics, named once here (the services' names are in ats-platform's {@code
 * AtsMetrics}; the gateway has no database and does not depend on it). In Prometheus form:
 *
 * <ul>
 *   <li>{@code ats_gateway_requests_total{family, status, plan}}: every {@code /api/v1} request by
 *       path family ({@code roles}, {@code applications}, {@code candidates}, {@code
 *       notifications}, or {@code other}), the status the caller got, and the caller's rate-limit
 *       plan ({@code authenticated}, {@code anonymous}, {@code anonymous_submit}, or {@code none}
 *       when the request was refused before its caller was known);
 *   <li>{@code ats_gateway_rate_limit_refusals_total{plan}}: requests refused with 429;
 *   <li>{@code ats_gateway_upstream_seconds{service, status}} (histogram): time from forwarding a
 *       request to its service until the answer was sent, by service and the status the caller got
 *       (502: could not connect, 504: no answer in time).
 * </ul>
 */
@Startup
@ApplicationScoped
public class GatewayMetrics {

  public static final String REQUESTS = "ats.gateway.requests";
  public static final String RATE_LIMIT_REFUSALS = "ats.gateway.rate.limit.refusals";
  public static final String UPSTREAM = "ats.gateway.upstream";

  /** The plan label of a request refused before its caller was known. */
  public static final String NO_PLAN = "none";

  /** The family label of a path outside the services' families. */
  public static final String OTHER_FAMILY = "other";

  private final MeterRegistry registry;

  /**
   * The meters, looked up once per label set: building a meter's id and finding it in the registry
   * (tags sorted, an id hashed, a lock) on every request costs more than the count itself. The
   * label sets are few (families × statuses × plans), so the maps stay small.
   */
  private final ConcurrentHashMap<RequestKey, Counter> requests = new ConcurrentHashMap<>();

  private final ConcurrentHashMap<UpstreamKey, Timer> upstreams = new ConcurrentHashMap<>();

  private record RequestKey(String family, int status, String plan) {}

  private record UpstreamKey(String service, int status) {}

  public GatewayMetrics(MeterRegistry registry) {
    this.registry = registry;
    // Present from the start (at 0), so that an alert or a dashboard finds every plan's series.
    for (RateLimiter.Plan plan : RateLimiter.Plan.values()) {
      refusals(plan.name());
    }
  }

  public void request(String family, int status, String plan) {
    RequestKey key = new RequestKey(family, status, plan);
    Counter counter = requests.get(key);
    if (counter == null) {
      counter =
          requests.computeIfAbsent(
              key,
              k ->
                  Counter.builder(REQUESTS)
                      .description("Requests to /api/v1 by path family, status and caller plan")
                      .tag("family", family)
                      .tag("status", String.valueOf(status))
                      .tag("plan", label(plan))
                      .register(registry));
    }
    counter.increment();
  }

  public void rateLimited(String plan) {
    refusals(plan).increment();
  }

  private Counter refusals(String plan) {
    return Counter.builder(RATE_LIMIT_REFUSALS)
        .description("Requests refused by the rate limit (429)")
        .tag("plan", label(plan))
        .register(registry);
  }

  public void upstream(String service, int status, long tookNanos) {
    UpstreamKey key = new UpstreamKey(service, status);
    Timer timer = upstreams.get(key);
    if (timer == null) {
      timer =
          upstreams.computeIfAbsent(
              key,
              k ->
                  Timer.builder(UPSTREAM)
                      .description(
                          "Time from forwarding a request to its service until the answer was sent")
                      .tag("service", service)
                      .tag("status", String.valueOf(status))
                      .publishPercentileHistogram()
                      .register(registry));
    }
    timer.record(tookNanos, TimeUnit.NANOSECONDS);
  }

  private static String label(String plan) {
    return plan.toLowerCase(Locale.ROOT);
  }
}
