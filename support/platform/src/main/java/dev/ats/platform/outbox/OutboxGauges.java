package dev.ats.platform.outbox;

import dev.ats.platform.metrics.AtsMetrics;
import dev.ats.platform.metrics.GaugeSource;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.runtime.Startup;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.sql.Timestamp;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;

/**
 * {@value AtsMetrics#OUTBOX_PENDING} and {@value AtsMetrics#OUTBOX_OLDEST_AGE}. The count and the
 * oldest row's time are read with one query over the partial index of unpublished rows every few
 * seconds while the metrics are scraped ({@link dev.ats.platform.metrics.GaugeRefresher}); the age
 * is computed at each scrape from the cached time, so it keeps rising while the broker is away even
 * if the database is too.
 */
@Startup
@ApplicationScoped
public class OutboxGauges implements GaugeSource {

  private final EntityManager em;
  private volatile long pending;
  private volatile Instant oldest;

  public OutboxGauges(EntityManager em, MeterRegistry registry) {
    this.em = em;
    Gauge.builder(AtsMetrics.OUTBOX_PENDING, this, gauges -> gauges.pending)
        .description("Outbox rows not yet published")
        .register(registry);
    Gauge.builder(AtsMetrics.OUTBOX_OLDEST_AGE, this, OutboxGauges::oldestAgeSeconds)
        .description("Age of the oldest unpublished outbox row (0 when none waits)")
        .baseUnit("seconds")
        .register(registry);
  }

  @Override
  public void refresh() {
    Object[] row =
        (Object[])
            em.createNativeQuery(
                    "select count(*), min(occurred_at) from outbox_event where published_at is null")
                .getSingleResult();
    pending = ((Number) row[0]).longValue();
    oldest = toInstant(row[1]);
  }

  private double oldestAgeSeconds() {
    Instant current = oldest;
    if (current == null) {
      return 0;
    }
    return Math.max(0, Duration.between(current, Instant.now()).toMillis() / 1000.0);
  }

  private static Instant toInstant(Object value) {
    if (value == null) {
      return null;
    }
    if (value instanceof Instant instant) {
      return instant;
    }
    if (value instanceof OffsetDateTime offset) {
      return offset.toInstant();
    }
    if (value instanceof Timestamp timestamp) {
      return timestamp.toInstant();
    }
    throw new IllegalStateException("unexpected timestamp type " + value.getClass());
  }
}
