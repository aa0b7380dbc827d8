package dev.ats.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.ats.platform.inbox.Inbox;
import dev.ats.platform.metrics.AtsMetrics;
import dev.ats.platform.tracing.TraceContext;
import io.micrometer.core.instrument.MeterRegistry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanBuilder;
import io.opentelemetry.api.trace.SpanContext;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Context;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;
import org.jboss.logging.Logger;

/**
 * The one way a service consumes events. Each record goes through the same steps:
 *
 * <ol>
 *   <li>decode the binary-mode CloudEvent ({@link CloudEvent#from});
 *   <li>map it to the service's typed inbound record ({@link EventReader}): a contract type the
 *       service does not handle is ignored, a type outside the contract ({@link EventTypes}) is
 *       poison;
 *   <li>apply it ({@link EventHandler}) in one transaction with its inbox record, so a redelivered
 *       event changes nothing; a transient failure (the database away) is retried in place by
 *       {@link EventRetry} until it applies, and the record is acknowledged only after that;
 *   <li>a poison record (any step's {@link PoisonEventException}, or data PostgreSQL rejects again
 *       and again) goes to the service's dead-letter topic with the reason and the original
 *       coordinates ({@link DeadLetters}), so it never blocks its partition.
 * </ol>
 *
 * <p>Call it from a {@code @Incoming(...) @Blocking} method taking {@code ConsumerRecord<String,
 * String>}. Every outcome, and every transient failure retried, is counted in {@value
 * AtsMetrics#EVENTS_CONSUMED}.
 */
@ApplicationScoped
public class EventConsumer {

  /** What became of one record. */
  public enum Outcome {
    APPLIED,
    /** Already processed by this consumer (a redelivery): nothing changed. */
    DUPLICATE,
    /** A contract type this consumer does not act on. */
    IGNORED,
    DEAD_LETTERED
  }

  private static final Logger LOG = Logger.getLogger(EventConsumer.class);

  private final Inbox inbox;
  private final EventRetry retry;
  private final DeadLetters deadLetters;
  private final ObjectReader payloads;
  private final MeterRegistry metrics;
  private final Tracer tracer;

  public EventConsumer(
      Inbox inbox,
      EventRetry retry,
      DeadLetters deadLetters,
      ObjectMapper json,
      MeterRegistry metrics,
      Tracer tracer) {
    this.inbox = inbox;
    this.retry = retry;
    this.deadLetters = deadLetters;
    this.metrics = metrics;
    this.tracer = tracer;
    // Payloads may gain optional fields within a version: read what we know, ignore the rest.
    this.payloads = json.reader().without(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }

  /**
   * Consumes one record as {@code consumer} (the inbox's name for this subscription, e.g. {@code
   * "roles-service.hires"}).
   */
  public <E> Outcome consume(
      ConsumerRecord<String, String> record,
      String consumer,
      EventReader<E> reader,
      EventHandler<E> handler) {
    String type = typeLabel(record);
    Span span = consumeSpan(record, consumer, type);
    try (Scope scope = span.makeCurrent()) {
      Outcome outcome = process(record, consumer, type, reader, handler);
      count(consumer, type, outcome.name());
      span.setAttribute("ats.consume.outcome", outcome.name());
      return outcome;
    } finally {
      span.end();
    }
  }

  /**
   * A span for consuming one record, a child of the trace its {@code traceparent} header names (the
   * change that wrote the event), so what the handler does, events it writes included, continues
   * that trace.
   */
  private Span consumeSpan(ConsumerRecord<String, String> record, String consumer, String type) {
    SpanBuilder builder =
        tracer
            .spanBuilder("consume " + type)
            .setSpanKind(SpanKind.CONSUMER)
            .setAttribute("messaging.system", "kafka")
            .setAttribute("messaging.destination.name", record.topic())
            .setAttribute("messaging.destination.partition.id", String.valueOf(record.partition()))
            .setAttribute("messaging.kafka.offset", record.offset())
            .setAttribute("messaging.consumer.group.name", consumer);
    Header header = record.headers().lastHeader(TraceContext.HEADER);
    SpanContext parent =
        TraceContext.parent(
            header == null ? null : new String(header.value(), StandardCharsets.UTF_8));
    if (parent.isValid()) {
      builder.setParent(Context.root().with(Span.wrap(parent)));
    }
    return builder.startSpan();
  }

  private <E> Outcome process(
      ConsumerRecord<String, String> record,
      String consumer,
      String typeLabel,
      EventReader<E> reader,
      EventHandler<E> handler) {
    String where = record.topic() + "-" + record.partition() + "@" + record.offset();
    CloudEvent event;
    Optional<E> inbound;
    try {
      event = CloudEvent.from(record);
      if (!EventTypes.inContract(event.type())) {
        throw new PoisonEventException("unknown event type " + event.type());
      }
      inbound = reader.read(event);
    } catch (PoisonEventException e) {
      return deadLetter(record, where, e);
    }
    if (inbound.isEmpty()) {
      LOG.debugf("%s: ignoring %s", where, event.type());
      return Outcome.IGNORED;
    }
    String what = "event " + event.id() + " (" + event.type() + ", " + where + ")";
    AtomicBoolean duplicate = new AtomicBoolean();
    AtomicInteger attempts = new AtomicInteger();
    try {
      retry.untilApplied(
          what,
          () -> {
            if (attempts.incrementAndGet() > 1) {
              count(consumer, typeLabel, RETRIED);
            }
            QuarkusTransaction.requiringNew()
                .run(
                    () -> {
                      if (!inbox.firstDelivery(consumer, event.id())) {
                        duplicate.set(true);
                        return;
                      }
                      duplicate.set(false);
                      handler.apply(inbound.get());
                    });
          });
    } catch (PoisonEventException e) {
      return deadLetter(record, where, e);
    }
    if (duplicate.get()) {
      LOG.debugf("%s already processed", what);
      return Outcome.DUPLICATE;
    }
    return Outcome.APPLIED;
  }

  /**
   * Reads {@code event}'s JSON body as {@code type}, ignoring fields it does not declare.
   *
   * @throws PoisonEventException if the body is not such a JSON object
   */
  public <T> T payload(CloudEvent event, Class<T> type) {
    T value;
    try {
      value = payloads.forType(type).readValue(event.data());
    } catch (JsonProcessingException e) {
      throw new PoisonEventException(
          "event "
              + event.id()
              + " is not a readable "
              + event.type()
              + ": "
              + e.getOriginalMessage(),
          e);
    }
    if (value == null) {
      throw new PoisonEventException("event " + event.id() + " has a null body");
    }
    return value;
  }

  /** The outcome label of an attempt that failed transiently and was retried. */
  public static final String RETRIED = "RETRIED";

  private void count(String consumer, String type, String outcome) {
    metrics
        .counter(
            AtsMetrics.EVENTS_CONSUMED,
            AtsMetrics.CONSUMER,
            consumer,
            AtsMetrics.TYPE,
            type,
            AtsMetrics.OUTCOME,
            outcome.toLowerCase(Locale.ROOT))
        .increment();
  }

  /** The record's {@code ce_type} if the contract knows it; anything else is one label value. */
  private static String typeLabel(ConsumerRecord<String, String> record) {
    Header header = record.headers().lastHeader("ce_type");
    String type = header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
    return type != null && EventTypes.inContract(type) ? type : "unknown";
  }

  private Outcome deadLetter(
      ConsumerRecord<String, String> record, String where, RuntimeException e) {
    LOG.errorf("%s sent to %s: %s", where, deadLetters.topic(), e.getMessage());
    retry.untilApplied(
        "dead-lettering " + where, () -> deadLetters.publish(record, e.getMessage()));
    return Outcome.DEAD_LETTERED;
  }
}
