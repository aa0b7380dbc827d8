package dev.ats.notifications.service;

import dev.ats.notifications.config.NotificationsConfig;
import dev.ats.notifications.domain.DeliveryAttempt;
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
import java.sql.Array;
import java.sql.PreparedStatement;
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
import org.hibernate.Session;
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

  /** A claimed row: what its send needs, nothing more (no entity, no dirty checking). */
  private record Due(
      UUID id,
      String recipient,
      String subject,
      String text,
      String html,
      String type,
      int attempts,
      String traceparent) {}

  /**
   * One batch in one transaction, in three statements whatever its size: the claim (which reads
   * what the sends need), then every outcome at once — one {@code UPDATE} of the claimed rows and
   * one {@code INSERT} of their attempt records, each from arrays. The rows stay locked from the
   * claim to the commit, so no other sender can take them meanwhile.
   */
  private int deliverBatch() {
    Instant now = Timestamps.now();
    @SuppressWarnings("unchecked")
    List<Object[]> claimed =
        em.createNativeQuery(
                "select id, recipient, subject, body_text, body_html, type, attempts, traceparent"
                    + " from notification where status = 'PENDING' and next_attempt_at <= :now"
                    + " order by next_attempt_at, id limit :batch for update skip locked")
            .setParameter("now", now)
            .setParameter("batch", config.batchSize())
            .getResultList();
    if (claimed.isEmpty()) {
      return 0;
    }
    List<Due> due = claimed.stream().map(DeliveryService::due).toList();
    List<Uni<Outcome>> sends = new ArrayList<>(due.size());
    for (Due n : due) {
      Mail mail =
          Mail.withHtml(n.recipient(), n.subject(), n.html())
              .setText(n.text())
              .addHeader("Message-ID", messageId(n.id()));
      Span span = sendSpan(n);
      sends.add(
          mailer
              .send(mail)
              .onItem()
              .transform(v -> new Outcome(n.id(), null))
              .onFailure()
              .recoverWithItem(e -> new Outcome(n.id(), describe(e)))
              .invoke(outcome -> endSendSpan(span, outcome)));
    }
    List<Outcome> outcomes =
        Uni.join()
            .all(sends)
            .andFailFast()
            .await()
            .atMost(Duration.ofSeconds(Math.max(60, 2L * due.size())));
    Map<UUID, Due> byId = due.stream().collect(Collectors.toMap(Due::id, Function.identity()));
    Instant sentAt = Timestamps.now();
    int size = outcomes.size();
    UUID[] ids = new UUID[size];
    String[] statuses = new String[size];
    String[] sentAts = new String[size];
    String[] nextAts = new String[size];
    String[] errors = new String[size];
    Instant retryAt = null;
    for (int i = 0; i < size; i++) {
      Outcome outcome = outcomes.get(i);
      Due n = byId.get(outcome.id());
      int attempts = n.attempts() + 1;
      ids[i] = n.id();
      errors[i] = outcome.error();
      if (outcome.error() == null) {
        statuses[i] = NotificationStatus.SENT.name();
        sentAts[i] = sentAt.toString();
      } else if (attempts >= config.maxAttempts()) {
        statuses[i] = NotificationStatus.FAILED.name();
        LOG.warnf(
            "notification %s FAILED after %d attempts: %s", n.id(), attempts, outcome.error());
      } else {
        Duration wait = backoff(attempts);
        Instant next = now.plus(wait);
        statuses[i] = NotificationStatus.PENDING.name();
        nextAts[i] = next.toString();
        if (retryAt == null || next.isBefore(retryAt)) {
          retryAt = next;
        }
        LOG.infof(
            "notification %s not sent (attempt %d), retrying in %s: %s",
            n.id(), attempts, wait, outcome.error());
      }
    }
    record(now, ids, statuses, sentAts, nextAts, errors);
    if (retryAt != null) {
      wakeAt(retryAt);
    }
    return size;
  }

  private static Due due(Object[] row) {
    Object id = row[0];
    return new Due(
        id instanceof UUID u ? u : UUID.fromString(id.toString()),
        (String) row[1],
        (String) row[2],
        (String) row[3],
        (String) row[4],
        (String) row[5],
        ((Number) row[6]).intValue(),
        (String) row[7]);
  }

  /**
   * Every outcome of a batch in two statements: each row's status, attempt count, times and last
   * error (the bodies are not written again), and exactly one attempt record per try.
   */
  private void record(
      Instant attemptedAt,
      UUID[] ids,
      String[] statuses,
      String[] sentAts,
      String[] nextAts,
      String[] errors) {
    em.unwrap(Session.class)
        .doWork(
            connection -> {
              Array idArray = connection.createArrayOf("uuid", ids);
              Array errorArray = connection.createArrayOf("text", errors);
              try (PreparedStatement update =
                  connection.prepareStatement(
                      "update notification n set attempts = n.attempts + 1, status = v.status,"
                          + " sent_at = coalesce(cast(v.sent_at as timestamptz), n.sent_at),"
                          + " next_attempt_at = cast(v.next_at as timestamptz),"
                          + " last_error = v.error"
                          + " from unnest(?::uuid[], ?::text[], ?::text[], ?::text[], ?::text[])"
                          + " as v(id, status, sent_at, next_at, error) where n.id = v.id")) {
                update.setArray(1, idArray);
                update.setArray(2, connection.createArrayOf("text", statuses));
                update.setArray(3, connection.createArrayOf("text", sentAts));
                update.setArray(4, connection.createArrayOf("text", nextAts));
                update.setArray(5, errorArray);
                update.executeUpdate();
              }
              try (PreparedStatement insert =
                  connection.prepareStatement(
                      "insert into delivery_attempt (notification_id, attempted_at, outcome, error)"
                          + " select v.id, cast(? as timestamptz),"
                          + " case when v.error is null then ? else ? end, v.error"
                          + " from unnest(?::uuid[], ?::text[]) with ordinality"
                          + " as v(id, error, position) order by v.position")) {
                insert.setString(1, attemptedAt.toString());
                insert.setString(2, DeliveryAttempt.SENT);
                insert.setString(3, DeliveryAttempt.FAILED);
                insert.setArray(4, idArray);
                insert.setArray(5, errorArray);
                insert.executeUpdate();
              }
            });
  }

  /**
   * The span of one try, a child of the trace the notification was written under (a new trace when
   * it was written untraced, e.g. a respond-by status update).
   */
  private Span sendSpan(Due notification) {
    SpanBuilder builder =
        tracer
            .spanBuilder(SEND_SPAN)
            .setSpanKind(SpanKind.CLIENT)
            .setAttribute("ats.notification.id", notification.id().toString())
            .setAttribute("ats.notification.type", notification.type())
            .setAttribute("ats.notification.attempt", notification.attempts() + 1L);
    SpanContext parent = TraceContext.parent(notification.traceparent());
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
