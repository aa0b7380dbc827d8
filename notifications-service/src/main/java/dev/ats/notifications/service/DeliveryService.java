package dev.ats.notifications.service;

import dev.ats.notifications.config.NotificationsConfig;
import dev.ats.notifications.domain.DeliveryAttempt;
import dev.ats.notifications.domain.Notification;
import dev.ats.notifications.domain.NotificationStatus;
import dev.ats.platform.time.Timestamps;
import dev.ats.platform.tracing.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.quarkus.mailer.Mail;
import io.quarkus.mailer.reactive.ReactiveMailer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import io.smallrye.mutiny.Uni;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;

/**
 * Sends PENDING notifications over SMTP, apart from consuming: an SMTP outage only delays mail.
 *
 * <p>Due messages are claimed in batches with {@code SELECT ... FOR UPDATE SKIP LOCKED}, so several
 * instances never send one row at the same time; a batch is sent with bounded parallelism over the
 * mailer's pooled SMTP connections ({@code quarkus.mailer.max-pool-size}), and each message's
 * outcome is recorded in the claiming transaction: exactly one attempt record per try, a failure
 * retried with exponential backoff, and after the last attempt the message is FAILED.
 *
 * <p>The sender is woken when a transaction that wrote or re-queued notifications commits (see
 * {@link #wakeAfterCommit()}) and when a retry falls due; the scheduled pass ({@code
 * ats.notifications.delivery.interval}) is only the fallback, e.g. for rows another instance left.
 *
 * <p>Delivery is at least once: if the process dies or the commit fails after the SMTP server
 * accepted a message, or the server's answer was lost (an error after the message was handed over
 * is ambiguous), the message is sent again on a later try. Every try of one notification carries
 * the same {@code Message-ID} ({@code <notification id@ats>}), so a receiver that sees it twice can
 * tell it is one message.
 *
 * <p>Each try is a span ({@value #SEND_SPAN}) in the trace the notification was written under (its
 * {@code traceparent}): the request that caused the event, across the outbox, Kafka and the
 * consumer, ends in the SMTP send.
 */
@ApplicationScoped
public class DeliveryService {

  private static final Logger LOG = Logger.getLogger(DeliveryService.class);
  private static final Object WAKE_REGISTERED = new Object();

  /** The name of the span of one try to hand a message to the SMTP server. */
  public static final String SEND_SPAN = "smtp send";

  private final EntityManager em;
  private final ReactiveMailer mailer;
  private final NotificationsConfig.Delivery config;
  private final TransactionSynchronizationRegistry transactions;
  private final Tracer tracer;
  private final AtomicBoolean drainQueued = new AtomicBoolean();
  private ScheduledExecutorService sender;

  public DeliveryService(
      EntityManager em,
      ReactiveMailer mailer,
      NotificationsConfig config,
      TransactionSynchronizationRegistry transactions,
      Tracer tracer) {
    this.em = em;
    this.mailer = mailer;
    this.config = config.delivery();
    this.transactions = transactions;
    this.tracer = tracer;
  }

  void start(@Observes StartupEvent event) {
    sender =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "mail-delivery");
              t.setDaemon(true);
              return t;
            });
    wake(); // what was due before this instance started
  }

  void stop(@Observes ShutdownEvent event) {
    if (sender != null) {
      sender.shutdownNow();
    }
  }

  /** The fallback pass, for rows nobody woke this instance for. */
  @Scheduled(
      every = "${ats.notifications.delivery.interval:10s}",
      delayed = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void tick() {
    wake();
  }

  /** Sends what is due as soon as the sender is free (at most one pass waits). */
  public void wake() {
    if (sender != null && drainQueued.compareAndSet(false, true)) {
      try {
        sender.execute(this::drain);
      } catch (java.util.concurrent.RejectedExecutionException e) {
        drainQueued.set(false); // shutting down
      }
    }
  }

  /**
   * Wakes the sender once the current transaction commits (call it where notifications become
   * PENDING); once per transaction.
   */
  public void wakeAfterCommit() {
    if (transactions.getResource(WAKE_REGISTERED) != null) {
      return;
    }
    transactions.putResource(WAKE_REGISTERED, Boolean.TRUE);
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              wake();
            }
          }
        });
  }

  private void drain() {
    drainQueued.set(false);
    try {
      deliverDue();
    } catch (RuntimeException e) {
      LOG.warnf("delivery paused: %s", e.getMessage());
    }
  }

  /** Tries every due message once, batch after batch; returns how many were tried. */
  public int deliverDue() {
    int tried = 0;
    int batch;
    do {
      batch = QuarkusTransaction.requiringNew().timeout(120).call(this::deliverBatch);
      tried += batch;
    } while (batch >= config.batchSize());
    return tried;
  }

  /** One outcome of one try: null error when the server accepted the message. */
  private record Outcome(UUID id, String error) {}

  private int deliverBatch() {
    Instant now = Timestamps.now();
    @SuppressWarnings("unchecked")
    List<Object> due =
        em.createNativeQuery(
                "select id from notification where status = 'PENDING' and next_attempt_at <= :now"
                    + " order by next_attempt_at, id limit :batch for update skip locked")
            .setParameter("now", now)
            .setParameter("batch", config.batchSize())
            .getResultList();
    if (due.isEmpty()) {
      return 0;
    }
    List<UUID> ids =
        due.stream()
            .map(raw -> raw instanceof UUID u ? u : UUID.fromString(raw.toString()))
            .toList();
    Map<UUID, Notification> notifications =
        Notification.<Notification>list("id in ?1", ids).stream()
            .collect(Collectors.toMap(n -> n.id, Function.identity()));
    List<Uni<Outcome>> sends = new ArrayList<>(ids.size());
    for (UUID id : ids) {
      Notification n = notifications.get(id);
      Mail mail =
          Mail.withHtml(n.recipient, n.subject, n.bodyHtml)
              .setText(n.bodyText)
              .addHeader("Message-ID", messageId(id));
      Span span = sendSpan(n);
      sends.add(
          mailer
              .send(mail)
              .onItem()
              .transform(v -> new Outcome(id, null))
              .onFailure()
              .recoverWithItem(e -> new Outcome(id, describe(e)))
              .invoke(outcome -> endSendSpan(span, outcome)));
    }
    List<Outcome> outcomes =
        Uni.join()
            .all(sends)
            .andFailFast()
            .await()
            .atMost(Duration.ofSeconds(Math.max(60, 2L * ids.size())));
    Instant retryAt = null;
    for (Outcome outcome : outcomes) {
      Instant next = record(notifications.get(outcome.id()), outcome, now);
      if (next != null && (retryAt == null || next.isBefore(retryAt))) {
        retryAt = next;
      }
    }
    if (retryAt != null) {
      wakeAt(retryAt);
    }
    return ids.size();
  }

  /**
   * The span of one try, a child of the trace the notification was written under (a new trace when
   * it was written untraced, e.g. a respond-by status update).
   */
  private Span sendSpan(Notification notification) {
    SpanBuilder builder =
        tracer
            .spanBuilder(SEND_SPAN)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("ats.notification.id", notification.id.toString())
            .setAttribute("ats.notification.type", notification.type.name())
            .setAttribute("ats.notification.attempt", notification.attempts + 1L);
    SpanContext parent = TraceContext.parent(notification.traceparent);
    if (parent.isValid()) {
      builder.setParent(Context.root().with(Span.wrap(parent)));
    } else {
      builder.setNoParent();
    }
    return builder.startSpan();
  }

  private static void endSendSpan(Span span, Outcome outcome) {
    if (outcome.error() != null) {
      // The exception's class only: a server's answer may quote the recipient's address.
      int colon = outcome.error().indexOf(':');
      span.setStatus(
          StatusCode.ERROR, colon < 0 ? outcome.error() : outcome.error().substring(0, colon));
    }
    span.end();
  }

  /** Records one try; returns when it is retried, or null. */
  private Instant record(Notification notification, Outcome outcome, Instant now) {
    DeliveryAttempt attempt = new DeliveryAttempt();
    attempt.notificationId = notification.id;
    attempt.attemptedAt = now;
    notification.attempts++;
    Instant retryAt = null;
    if (outcome.error() == null) {
      attempt.outcome = DeliveryAttempt.SENT;
      notification.status = NotificationStatus.SENT;
      notification.sentAt = Timestamps.now();
      notification.nextAttemptAt = null;
      notification.lastError = null;
    } else {
      String error = outcome.error();
      attempt.outcome = DeliveryAttempt.FAILED;
      attempt.error = error;
      notification.lastError = error;
      if (notification.attempts >= config.maxAttempts()) {
        notification.status = NotificationStatus.FAILED;
        notification.nextAttemptAt = null;
        LOG.warnf(
            "notification %s FAILED after %d attempts: %s",
            notification.id, notification.attempts, error);
      } else {
        Duration wait = backoff(notification.attempts);
        retryAt = now.plus(wait);
        notification.nextAttemptAt = retryAt;
        LOG.infof(
            "notification %s not sent (attempt %d), retrying in %s: %s",
            notification.id, notification.attempts, wait, error);
      }
    }
    attempt.persist();
    return retryAt;
  }

  /**
   * A pass when the earliest retry of this batch falls due (the scheduled pass is the fallback).
   */
  private void wakeAt(Instant at) {
    long delay = Math.max(0, Duration.between(Instant.now(), at).toMillis()) + 10;
    try {
      sender.schedule(this::wake, delay, TimeUnit.MILLISECONDS);
    } catch (java.util.concurrent.RejectedExecutionException e) {
      // shutting down
    }
  }

  /** The same for every try of one notification, so receivers can recognise a repeat. */
  static String messageId(UUID notificationId) {
    return "<" + notificationId + "@notifications.ats>";
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
