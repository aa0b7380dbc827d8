package dev.ats.notifications.service;

import dev.ats.notifications.config.NotificationsConfig;
import dev.ats.notifications.domain.ApplicationCopy;
import dev.ats.notifications.domain.NotificationType;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Keeps the respond-by promise: every undecided application whose role's respond-by date is reached
 * (minus the configured lead time) and that has been told nothing since its submission gets one
 * status update. The applications are claimed with {@code FOR UPDATE SKIP LOCKED} and the message's
 * id is {@code respond-by:<application id>}, unique with its type, so it is written once per
 * application across runs, restarts and instances.
 */
@ApplicationScoped
public class RespondByService {

  public static final String EVENT_TYPE = "ats.respond-by-reached";
  private static final Logger LOG = Logger.getLogger(RespondByService.class);

  private final EntityManager em;
  private final NotificationWriter writer;
  private final NotificationsConfig.RespondBy config;

  public RespondByService(EntityManager em, NotificationWriter writer, NotificationsConfig config) {
    this.em = em;
    this.writer = writer;
    this.config = config.respondBy();
  }

  @Scheduled(
      every = "${ats.notifications.respond-by.interval:15m}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void tick() {
    try {
      writeDueStatusUpdates();
    } catch (RuntimeException e) {
      LOG.warnf("respond-by job paused: %s", e.getMessage());
    }
  }

  /** Writes the status updates that are due today; returns how many were written. */
  public int writeDueStatusUpdates() {
    LocalDate reachedBy = LocalDate.now(config.zone()).plusDays(config.leadDays());
    int written = 0;
    int claimed;
    do {
      int[] batch =
          QuarkusTransaction.requiringNew().timeout(120).call(() -> writeBatch(reachedBy));
      claimed = batch[0];
      written += batch[1];
    } while (claimed == config.batchSize());
    if (written > 0) {
      LOG.infof("respond-by job wrote %d status updates", written);
    }
    return written;
  }

  /** Returns {claimed, written}. */
  private int[] writeBatch(LocalDate reachedBy) {
    @SuppressWarnings("unchecked")
    List<Object> due =
        em.createNativeQuery(
                "select a.application_id from application_copy a"
                    + " join role_copy r on r.role_id = a.role_id"
                    + " where a.decision is null and not a.erased"
                    + " and a.candidate_email is not null"
                    + " and r.respond_by is not null and r.respond_by <= :reachedBy"
                    + " and not exists (select 1 from notification n"
                    + "   where n.application_id = a.application_id"
                    + "   and n.type <> 'APPLICATION_RECEIVED')"
                    + " order by a.application_id limit :batch"
                    + " for update of a skip locked")
            .setParameter("reachedBy", reachedBy)
            .setParameter("batch", config.batchSize())
            .getResultList();
    int written = 0;
    for (Object raw : due) {
      UUID applicationId = raw instanceof UUID uuid ? uuid : UUID.fromString(raw.toString());
      ApplicationCopy application = ApplicationCopy.findById(applicationId);
      if (writer.write(
          "respond-by:" + applicationId,
          EVENT_TYPE,
          NotificationType.STATUS_UPDATE,
          application,
          List.of())) {
        written++;
      }
    }
    return new int[] {due.size(), written};
  }
}
