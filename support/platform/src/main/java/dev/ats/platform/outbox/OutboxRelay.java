package dev.ats.platform.outbox;

import dev.ats.platform.events.ReliableProducer;
import dev.ats.platform.metrics.AtsMetrics;
import dev.ats.platform.tracing.TraceContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.hibernate.jpa.HibernateHints;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in commit order and marks each one published only after the broker
 * acknowledged it (acks=all, idempotent producer). A crash between the acknowledgement and the mark
 * republishes the event on restart with the same {@code ce_id}: at least once on the wire, exactly
 * once for consumers, which skip ids they have processed.
 *
 * <p>The relay is woken, not polled: {@link Outbox} wakes it when a transaction that wrote events
 * commits in this process, and {@link OutboxListener} when PostgreSQL notifies that one committed
 * in any instance. A slow poll ({@code ats.outbox.interval}, 10 s) remains as the fallback, e.g.
 * for rows whose publication failed while the broker was away. Every drain runs on one thread, so
 * wake-ups that arrive while it works coalesce into one more drain.
 *
 * <p>Several instances of a service may run: a PostgreSQL advisory lock lets one relay at a time
 * publish, which also keeps each aggregate's events in order.
 */
@ApplicationScoped
public class OutboxRelay {

  private static final Logger LOG = Logger.getLogger(OutboxRelay.class);

  /** Arbitrary, fixed: each service has its own database, so one key per database suffices. */
  private static final long ADVISORY_LOCK_KEY = 0x0A75_0B0C_5L;

  private final EntityManager em;
  private final ReliableProducer kafka;
  private final MeterRegistry metrics;
  private final Tracer tracer;
  private final int batchSize;
  private final boolean enabled;
  private final AtomicBoolean drainPending = new AtomicBoolean();
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "outbox-relay");
            thread.setDaemon(true);
            return thread;
          });

  public OutboxRelay(
      EntityManager em,
      ReliableProducer kafka,
      MeterRegistry metrics,
      Tracer tracer,
      @ConfigProperty(name = "ats.outbox.batch-size", defaultValue = "200") int batchSize,
      @ConfigProperty(name = "ats.outbox.enabled", defaultValue = "true") boolean enabled) {
    this.em = em;
    this.kafka = kafka;
    this.metrics = metrics;
    this.tracer = tracer;
    this.batchSize = batchSize;
    this.enabled = enabled;
  }

  /**
   * Asks for a drain of the outbox as soon as possible; returns at once. Wake-ups that arrive while
   * a drain is pending are one drain. With {@code ats.outbox.enabled=false} (tests that drive
   * {@link #publishBatch} themselves) it does nothing, whoever wakes it.
   */
  public void wake() {
    if (enabled && drainPending.compareAndSet(false, true)) {
      try {
        worker.execute(
            () -> {
              drainPending.set(false);
              drain();
            });
      } catch (RejectedExecutionException e) {
        drainPending.set(false); // shutting down: the next start publishes what is left
      }
    }
  }

  @Scheduled(
      every = "${ats.outbox.interval:10s}",
      delayed = "${ats.outbox.initial-delay:1s}",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void poll() {
    wake();
  }

  private void drain() {
    try {
      int published;
      do {
        published = publishBatch();
      } while (published == batchSize);
    } catch (RuntimeException e) {
      LOG.warnf("outbox relay paused: %s", e.getMessage());
    }
  }

  /**
   * Publishes up to one batch; returns how many events were published. Public so that tests can
   * drive the relay without waiting for a wake-up.
   */
  public int publishBatch() {
    return QuarkusTransaction.requiringNew()
        .timeout(120)
        .call(
            () -> {
              Boolean locked =
                  (Boolean)
                      em.createNativeQuery("select pg_try_advisory_xact_lock(:key)")
                          .setParameter("key", ADVISORY_LOCK_KEY)
                          .getSingleResult();
              if (!Boolean.TRUE.equals(locked)) {
                return 0;
              }
              List<OutboxEvent> batch =
                  em.createQuery(
                          "from OutboxEvent where publishedAt is null order by seq",
                          OutboxEvent.class)
                      // Read-only: the rows are marked with one set-based update below, never
                      // rewritten in full by dirty checking.
                      .setHint(HibernateHints.HINT_READ_ONLY, true)
                      .setMaxResults(batchSize)
                      .getResultList();
              if (batch.isEmpty()) {
                return 0;
              }
              return send(batch);
            });
  }

  private int send(List<OutboxEvent> batch) {
    List<Future<RecordMetadata>> acks = new ArrayList<>(batch.size());
    List<Span> spans = new ArrayList<>(batch.size());
    for (OutboxEvent event : batch) {
      spans.add(publishSpan(event));
      acks.add(kafka.send(toRecord(event)));
    }
    List<OutboxEvent> published = new ArrayList<>(batch.size());
    try {
      for (int i = 0; i < batch.size(); i++) {
        OutboxEvent event = batch.get(i);
        try {
          acks.get(i).get(60, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          return published.size();
        } catch (ExecutionException | TimeoutException e) {
          spans.get(i).setStatus(StatusCode.ERROR, String.valueOf(e.getCause()));
          // Stop at the first failure so that later events of the same key are not marked ahead
          // of it; everything after it is retried on the next drain.
          String error = String.valueOf(e.getCause() == null ? e : e.getCause());
          em.createNativeQuery(
                  "update outbox_event set attempts = attempts + 1, last_error = :error"
                      + " where seq = :seq")
              .setParameter("error", error)
              .setParameter("seq", event.seq)
              .executeUpdate();
          LOG.warnf("event %s (%s) not published yet: %s", event.eventId, event.type, error);
          return published.size();
        }
        published.add(event);
      }
      return published.size();
    } finally {
      spans.forEach(Span::end);
      markPublished(published);
    }
  }

  /**
   * The relay's publication of one event: a span of its own (the relay works for many traces at
   * once), linked to the trace of the transaction that wrote the event.
   */
  private Span publishSpan(OutboxEvent event) {
    var builder =
        tracer
            .spanBuilder("publish " + event.topic)
            .setSpanKind(SpanKind.PRODUCER)
            .setNoParent()
            .setAttribute("messaging.system", "kafka")
            .setAttribute("messaging.destination.name", event.topic)
            .setAttribute("messaging.message.id", event.eventId.toString())
            .setAttribute("ats.event.type", event.type);
    SpanContext origin = TraceContext.parent(event.traceparent);
    if (origin.isValid()) {
      builder.addLink(origin);
    }
    return builder.startSpan();
  }

  private void markPublished(List<OutboxEvent> events) {
    if (events.isEmpty()) {
      return;
    }
    List<Long> seqs = events.stream().map(event -> event.seq).toList();
    em.createNativeQuery(
            "update outbox_event set published_at = :now, attempts = attempts + 1,"
                + " last_error = null where seq in (:seqs)")
        .setParameter("now", Instant.now())
        .setParameter("seqs", seqs)
        .executeUpdate();
    // Counted once acknowledged; a rollback of the mark republishes (and counts) them again.
    for (OutboxEvent event : events) {
      metrics
          .counter(
              AtsMetrics.EVENTS_PUBLISHED,
              AtsMetrics.TOPIC,
              event.topic,
              AtsMetrics.TYPE,
              event.type)
          .increment();
    }
  }

  private static ProducerRecord<String, String> toRecord(OutboxEvent event) {
    ProducerRecord<String, String> record =
        new ProducerRecord<>(event.topic, event.key, event.payload);
    header(record, "ce_specversion", "1.0");
    header(record, "ce_id", event.eventId.toString());
    header(record, "ce_type", event.type);
    header(record, "ce_source", event.source);
    header(record, "ce_subject", event.subject);
    header(record, "ce_time", event.occurredAt.toString());
    header(record, "content-type", "application/json");
    if (event.traceparent != null) {
      // The writer's trace, not the relay's: consumers continue the trace of the change.
      header(record, TraceContext.HEADER, event.traceparent);
    }
    return record;
  }

  private static void header(ProducerRecord<String, String> record, String name, String value) {
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  void onStop(@Observes ShutdownEvent event) {
    worker.shutdown();
  }
}
