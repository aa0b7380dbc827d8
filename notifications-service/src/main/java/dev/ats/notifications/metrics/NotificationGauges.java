package dev.ats.notifications.metrics;

import dev.ats.notifications.domain.NotificationStatus;
import dev.ats.platform.metrics.AtsMetrics;
import dev.ats.platform.metrics.GaugeSource;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * notifications-service's gauges, refreshed by the platform's GaugeRefresher, never on a scrape:
 *
 * <ul>
 *   <li>{@value AtsMetrics#NOTIFICATIONS}{@code {status}}: messages per status, counted at most
 *       every {@code ats.metrics.notifications-status-interval} (30 s);
 *   <li>{@value AtsMetrics#DELIVERY_ATTEMPTS}{@code {outcome}}: delivery attempts, maintained
 *       incrementally from the attempts table (only rows newer than the last one seen are counted),
 *       so every instance reports the service's total; aggregate with {@code max}, not {@code sum}.
 * </ul>
 */
@Startup
@ApplicationScoped
public class NotificationGauges implements GaugeSource {

  private static final List<String> OUTCOMES = List.of("SENT", "FAILED");

  private final EntityManager em;
  private final MeterRegistry registry;
  private final Duration statusInterval;
  private final Map<String, AtomicLong> byStatus = new ConcurrentHashMap<>();
  private final Map<String, AtomicLong> attempts = new ConcurrentHashMap<>();
  private volatile long lastAttemptId;
  private volatile long statusCountedAt = Long.MIN_VALUE;

  public NotificationGauges(
      EntityManager em,
      MeterRegistry registry,
      @ConfigProperty(name = "ats.metrics.notifications-status-interval", defaultValue = "30s")
          Duration statusInterval) {
    this.em = em;
    this.registry = registry;
    this.statusInterval = statusInterval;
    for (NotificationStatus status : NotificationStatus.values()) {
      Gauge.builder(AtsMetrics.NOTIFICATIONS, statusGauge(status.name()), AtomicLong::get)
          .description("Messages to candidates by delivery status")
          .tag(AtsMetrics.STATUS, status.name())
          .register(registry);
    }
    OUTCOMES.forEach(this::attemptCounter);
  }

  @Override
  public void refresh() {
    countNewAttempts();
    long now = System.nanoTime();
    if (statusCountedAt == Long.MIN_VALUE || now - statusCountedAt >= statusInterval.toNanos()) {
      countByStatus();
      statusCountedAt = now;
    }
  }

  private void countNewAttempts() {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery(
                "select outcome, count(*), max(id) from delivery_attempt where id > :last"
                    + " group by outcome")
            .setParameter("last", lastAttemptId)
            .getResultList();
    long newest = lastAttemptId;
    for (Object[] row : rows) {
      attemptCounter((String) row[0]).addAndGet(((Number) row[1]).longValue());
      newest = Math.max(newest, ((Number) row[2]).longValue());
    }
    lastAttemptId = newest;
  }

  private void countByStatus() {
    @SuppressWarnings("unchecked")
    List<Object[]> rows =
        em.createNativeQuery("select status, count(*) from notification group by status")
            .getResultList();
    Map<String, Long> counted = new ConcurrentHashMap<>();
    for (Object[] row : rows) {
      counted.put((String) row[0], ((Number) row[1]).longValue());
    }
    for (NotificationStatus status : NotificationStatus.values()) {
      statusGauge(status.name()).set(counted.getOrDefault(status.name(), 0L));
    }
  }

  private AtomicLong statusGauge(String status) {
    return byStatus.computeIfAbsent(status, s -> new AtomicLong());
  }

  private AtomicLong attemptCounter(String outcome) {
    return attempts.computeIfAbsent(
        outcome,
        o -> {
          AtomicLong total = new AtomicLong();
          FunctionCounter.builder(AtsMetrics.DELIVERY_ATTEMPTS, total, AtomicLong::get)
              .description("Delivery attempts recorded, by outcome (the whole service's total)")
              .tag(AtsMetrics.OUTCOME, o)
              .register(registry);
          return total;
        });
  }
}
