package dev.ats.applications.service;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Forgets {@code Idempotency-Key}s after {@code ats.applications.idempotency-key-retention} (a day
 * by default, like common payment APIs): long enough for any client retry, and the table (which
 * holds encrypted responses) does not grow forever.
 */
@ApplicationScoped
public class IdempotencyKeyPurge {

  private static final Logger LOG = Logger.getLogger(IdempotencyKeyPurge.class);

  private final EntityManager em;
  private final Duration retention;

  public IdempotencyKeyPurge(
      EntityManager em,
      @ConfigProperty(name = "ats.applications.idempotency-key-retention", defaultValue = "P1D")
          Duration retention) {
    this.em = em;
    this.retention = retention;
  }

  @Scheduled(
      every = "${ats.applications.idempotency-key-purge-interval:1h}",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      purge(Instant.now());
    } catch (RuntimeException e) {
      LOG.warnf("idempotency key purge skipped: %s", e.getMessage());
    }
  }

  /** Deletes the keys older than the retention as seen at {@code now}; returns how many. */
  public int purge(Instant now) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                em.createNativeQuery("delete from idempotency_key where created_at < :before")
                    .setParameter("before", now.minus(retention))
                    .executeUpdate());
  }
}
