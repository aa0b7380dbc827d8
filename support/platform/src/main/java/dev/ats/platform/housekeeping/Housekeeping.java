package dev.ats.platform.housekeeping;

import io.quarkus.arc.All;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.stream.Stream;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Keeps tables from growing forever, on one schedule ({@code ats.housekeeping.interval}, hourly):
 * the platform's own purges (published outbox rows after 7 days; inbox records after 45, beyond the
 * topics' 30-day retention, since an inbox row must outlive every possible redelivery of its event)
 * and every {@link Purge} bean the service adds.
 */
@ApplicationScoped
public class Housekeeping {

  private static final Logger LOG = Logger.getLogger(Housekeeping.class);

  private final List<Purge> purges;

  public Housekeeping(
      EntityManager em,
      @All List<Purge> servicePurges,
      @ConfigProperty(name = "ats.housekeeping.published-outbox-retention", defaultValue = "P7D")
          Duration publishedOutboxRetention,
      @ConfigProperty(name = "ats.housekeeping.inbox-retention", defaultValue = "P45D")
          Duration inboxRetention) {
    Purge outbox =
        new Table(
            em,
            "published outbox rows",
            "delete from outbox_event where published_at is not null and published_at < :before",
            publishedOutboxRetention);
    Purge inbox =
        new Table(
            em,
            "inbox records",
            "delete from processed_event where processed_at < :before",
            inboxRetention);
    this.purges = Stream.concat(Stream.of(outbox, inbox), servicePurges.stream()).toList();
  }

  @Scheduled(
      every = "${ats.housekeeping.interval:1h}",
      delayed = "1m",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    purge(Instant.now());
  }

  /**
   * Runs every purge as seen at {@code now}, each in its own transaction; returns the rows deleted.
   * A purge that fails is logged and skipped until the next run.
   */
  public int purge(Instant now) {
    int deleted = 0;
    for (Purge purge : purges) {
      try {
        deleted += QuarkusTransaction.requiringNew().call(() -> purge.purge(now));
      } catch (RuntimeException e) {
        LOG.warnf("housekeeping: %s skipped: %s", purge.name(), e.getMessage());
      }
    }
    return deleted;
  }

  /**
   * A purge that deletes a table's rows older than a retention with one statement taking {@code
   * :before}. Services can use it for their own tables.
   */
  public record Table(EntityManager em, String name, String deleteOlderThan, Duration retention)
      implements Purge {

    @Override
    public int purge(Instant now) {
      return em.createNativeQuery(deleteOlderThan)
          .setParameter("before", now.minus(retention))
          .executeUpdate();
    }
  }
}
