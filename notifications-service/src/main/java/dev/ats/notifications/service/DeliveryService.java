package dev.ats.notifications.service;

import dev.ats.notifications.config.NotificationsConfig;
import dev.ats.notifications.domain.DeliveryAttempt;
import dev.ats.notifications.domain.Notification;
import dev.ats.notifications.domain.NotificationStatus;
import dev.ats.platform.time.Timestamps;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.Mailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Sends PENDING notifications over SMTP, apart from consuming: an SMTP outage only delays mail.
 * Each message is claimed with {@code SELECT ... FOR UPDATE SKIP LOCKED} in its own transaction, so
 * several instances never send one row at the same time; every attempt is recorded, a failure is
 * retried with exponential backoff, and after the last attempt the message is FAILED.
 *
 * <p>Delivery is at least once: if the database commit fails after the SMTP server accepted a
 * message, it is sent again on the next tick.
 */
@ApplicationScoped
public class DeliveryService {

  private static final Logger LOG = Logger.getLogger(DeliveryService.class);

  private final EntityManager em;
  private final Mailer mailer;
  private final NotificationsConfig.Delivery config;

  public DeliveryService(EntityManager em, Mailer mailer, NotificationsConfig config) {
    this.em = em;
    this.mailer = mailer;
    this.config = config.delivery();
  }

  @Scheduled(
      every = "${ats.notifications.delivery.interval:1s}",
      delayed = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void tick() {
    try {
      deliverDue();
    } catch (RuntimeException e) {
      LOG.warnf("delivery paused: %s", e.getMessage());
    }
  }

  /** Tries every due message once (at most one batch); returns how many were tried. */
  public int deliverDue() {
    int tried = 0;
    while (tried < config.batchSize()
        && QuarkusTransaction.requiringNew().timeout(120).call(this::deliverNext)) {
      tried++;
    }
    return tried;
  }

  private boolean deliverNext() {
    Instant now = Timestamps.now();
    @SuppressWarnings("unchecked")
    List<Object> due =
        em.createNativeQuery(
                "select id from notification where status = 'PENDING' and next_attempt_at <= :now"
                    + " order by next_attempt_at, id limit 1 for update skip locked")
            .setParameter("now", now)
            .getResultList();
    if (due.isEmpty()) {
      return false;
    }
    Object raw = due.get(0);
    UUID id = raw instanceof UUID uuid ? uuid : UUID.fromString(raw.toString());
    Notification notification = Notification.findById(id);
    DeliveryAttempt attempt = new DeliveryAttempt();
    attempt.notificationId = id;
    attempt.attemptedAt = now;
    notification.attempts++;
    try {
      mailer.send(
          Mail.withHtml(notification.recipient, notification.subject, notification.bodyHtml)
              .setText(notification.bodyText));
      attempt.outcome = DeliveryAttempt.SENT;
      notification.status = NotificationStatus.SENT;
      notification.sentAt = Timestamps.now();
      notification.nextAttemptAt = null;
      notification.lastError = null;
    } catch (RuntimeException e) {
      String error = describe(e);
      attempt.outcome = DeliveryAttempt.FAILED;
      attempt.error = error;
      notification.lastError = error;
      if (notification.attempts >= config.maxAttempts()) {
        notification.status = NotificationStatus.FAILED;
        notification.nextAttemptAt = null;
        LOG.warnf("notification %s FAILED after %d attempts: %s", id, notification.attempts, error);
      } else {
        Duration wait = backoff(notification.attempts);
        notification.nextAttemptAt = now.plus(wait);
        LOG.infof(
            "notification %s not sent (attempt %d), retrying in %s: %s",
            id, notification.attempts, wait, error);
      }
    }
    attempt.persist();
    return true;
  }

  /** base, 2 base, 4 base, ... after the 1st, 2nd, 3rd failure; never more than the maximum. */
  Duration backoff(int failedAttempts) {
    Duration wait = config.baseBackoff();
    for (int i = 1; i < failedAttempts && wait.compareTo(config.maxBackoff()) < 0; i++) {
      wait = wait.multipliedBy(2);
    }
    return wait.compareTo(config.maxBackoff()) > 0 ? config.maxBackoff() : wait;
  }

  private static String describe(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getClass().getSimpleName() + ": " + root.getMessage();
    return message.length() > 1000 ? message.substring(0, 1000) : message;
  }
}
