package dev.ats.platform.housekeeping;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps the outbox and the inbox from growing forever. Published outbox rows are only history; an
 * inbox row must outlive every possible redelivery of its event, so it is kept longer than the
 * topics' retention (30 days).
 */
@ApplicationScoped
public class Housekeeping {

  private static final Logger LOG = Logger.getLogger(Housekeeping.class);

  private final EntityManager em;
  private final Duration publishedOutboxRetention;
  private final Duration inboxRetention;

  public Housekeeping(
      EntityManager em,
      @ConfigProperty(name = "ats.housekeeping.published-outbox-retention", defaultValue = "P7D")
          Duration publishedOutboxRetention,
      @ConfigProperty(name = "ats.housekeeping.inbox-retention", defaultValue = "P45D")
          Duration inboxRetention) {
    this.em = em;
    this.publishedOutboxRetention = publishedOutboxRetention;
    this.inboxRetention = inboxRetention;
  }

  @Scheduled(
      every = "${ats.housekeeping.interval:1h}",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    try {
      purge(Instant.now());
    } catch (RuntimeException e) {
      LOG.warnf("housekeeping skipped: %s", e.getMessage());
    }
  }

  /** Deletes what is older than the retentions, as seen at {@code now}; returns rows deleted. */
  public int purge(Instant now) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                em.createNativeQuery(
                            "delete from outbox_event where published_at is not null"
                                + " and published_at < :before")
                        .setParameter("before", now.minus(publishedOutboxRetention))
                        .executeUpdate()
                    + em.createNativeQuery(
                            "delete from processed_event where processed_at < :before")
                        .setParameter("before", now.minus(inboxRetention))
                        .executeUpdate());
  }
}
