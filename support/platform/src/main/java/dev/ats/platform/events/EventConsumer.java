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
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
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
 * <p>Call {@link #consumeBatch} from a {@code @Incoming(...) @Blocking} method taking {@code
 * ConsumerRecords<String, String>} (a channel with {@code batch=true}): the first deliveries of a
 * poll are applied in one transaction, and one by one only if that fails, so a backlog drains at
 * the database's pace, not one commit per record. Every outcome, and every transient failure
 * retried, is counted in {@value AtsMetrics#EVENTS_CONSUMED}; every record has a consume span of
 * its own.
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
    return consumeBatch(List.of(record), consumer, reader, handler).get(0);
  }

  /**
   * Consumes a poll's records as {@code consumer}, with the same outcome for each record as {@link
   * #consume} would give it, but with the first deliveries of the batch applied in ONE transaction
   * with their inbox records (in the order given, which for a Kafka poll keeps each partition's
   * order). If that transaction fails (a poison event in the middle, the database away) nothing of
   * it stays, and the records are applied one per transaction, as {@link #consume} does: a poison
   * record is dead-lettered alone, a transient failure is retried in place. Every record keeps its
   * own consume span and counts.
   *
   * <p>Call it from a {@code @Incoming(...) @Blocking} method taking {@code ConsumerRecords<String,
   * String>}, on a channel with {@code batch=true} and a bounded {@code max.poll.records}.
   *
   * @return the outcome of each record, in the order given
   */
  public <E> List<Outcome> consumeBatch(
      Iterable<ConsumerRecord<String, String>> records,
      String consumer,
      EventReader<E> reader,
      EventHandler<E> handler) {
    List<Delivery<E>> batch = new ArrayList<>();
    for (ConsumerRecord<String, String> record : records) {
      String type = typeLabel(record);
      batch.add(new Delivery<>(record, type, consumeSpan(record, consumer, type)));
    }
    int ended = 0;
    try {
      List<Delivery<E>> toApply = new ArrayList<>(batch.size());
      for (Delivery<E> delivery : batch) {
        try (Scope scope = delivery.span.makeCurrent()) {
          decode(delivery, reader);
        }
        if (delivery.inbound != null) {
          toApply.add(delivery);
        }
      }
      if (toApply.size() > 1) {
        applyTogether(toApply, consumer, handler);
      }
      List<Outcome> outcomes = new ArrayList<>(batch.size());
      for (Delivery<E> delivery : batch) {
        try (Scope scope = delivery.span.makeCurrent()) {
          Outcome outcome = finish(delivery, consumer, handler);
          count(consumer, delivery.type, outcome.name());
          delivery.span.setAttribute("ats.consume.outcome", outcome.name());
          outcomes.add(outcome);
        }
        delivery.span.end();
        ended++;
      }
      return outcomes;
    } finally {
      batch.subList(ended, batch.size()).forEach(delivery -> delivery.span.end());
    }
  }

  /** One record on its way through the steps, and what became of it so far. */
  private static final class Delivery<E> {
    final ConsumerRecord<String, String> record;
    final String type;
    final Span span;
    final String where;
    CloudEvent event;

    /** The typed event to apply; null if ignored or poison. */
    E inbound;

    /** Why the record is poison; null if it is not (yet). */
    PoisonEventException poison;

    /** APPLIED or DUPLICATE once its transaction committed. */
    Outcome applied;

    Delivery(ConsumerRecord<String, String> record, String type, Span span) {
      this.record = record;
      this.type = type;
      this.span = span;
      this.where = record.topic() + "-" + record.partition() + "@" + record.offset();
    }

    String what() {
      return "event " + event.id() + " (" + event.type() + ", " + where + ")";
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

  /** Steps 1 and 2: the CloudEvent and the service's typed record, or why it is poison. */
  private static <E> void decode(Delivery<E> delivery, EventReader<E> reader) {
    try {
      delivery.event = CloudEvent.from(delivery.record);
      if (!EventTypes.inContract(delivery.event.type())) {
        throw new PoisonEventException("unknown event type " + delivery.event.type());
      }
      delivery.inbound = reader.read(delivery.event).orElse(null);
    } catch (PoisonEventException e) {
      delivery.poison = e;
    }
  }

  /**
   * Applies every delivery's first delivery in one transaction, in order; on any failure nothing of
   * it stays and each delivery is left to {@link #applyAlone}.
   */
  private <E> void applyTogether(
      List<Delivery<E>> deliveries, String consumer, EventHandler<E> handler) {
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                for (Delivery<E> delivery : deliveries) {
                  try (Scope scope = delivery.span.makeCurrent()) {
                    if (inbox.firstDelivery(consumer, delivery.event.id())) {
                      handler.apply(delivery.inbound);
                      delivery.applied = Outcome.APPLIED;
                    } else {
                      delivery.applied = Outcome.DUPLICATE;
                    }
                  }
                }
              });
    } catch (RuntimeException e) {
      deliveries.forEach(delivery -> delivery.applied = null);
      LOG.infof(
          "%d events for %s not applied in one transaction (%s): applying them one by one",
          deliveries.size(), consumer, e.toString());
    }
  }

  /** Steps 3 and 4 for one delivery, in the batch's order. */
  private <E> Outcome finish(Delivery<E> delivery, String consumer, EventHandler<E> handler) {
    if (delivery.poison == null && delivery.inbound == null) {
      LOG.debugf("%s: ignoring %s", delivery.where, delivery.event.type());
      return Outcome.IGNORED;
    }
    if (delivery.poison == null && delivery.applied == null) {
      applyAlone(delivery, consumer, handler);
    }
    if (delivery.poison != null) {
      return deadLetter(delivery.record, delivery.where, delivery.poison);
    }
    if (delivery.applied == Outcome.DUPLICATE) {
      LOG.debugf("%s already processed", delivery.what());
    }
    return delivery.applied;
  }

  /**
   * One delivery in a transaction of its own, retried in place through transient failures until it
   * applies; a failure retrying cannot fix makes it poison.
   */
  private <E> void applyAlone(Delivery<E> delivery, String consumer, EventHandler<E> handler) {
    AtomicBoolean duplicate = new AtomicBoolean();
    AtomicInteger attempts = new AtomicInteger();
    try {
      retry.untilApplied(
          delivery.what(),
          () -> {
            if (attempts.incrementAndGet() > 1) {
              count(consumer, delivery.type, RETRIED);
            }
            QuarkusTransaction.requiringNew()
                .run(
                    () -> {
                      if (!inbox.firstDelivery(consumer, delivery.event.id())) {
                        duplicate.set(true);
                        return;
                      }
                      duplicate.set(false);
                      handler.apply(delivery.inbound);
                    });
          });
      delivery.applied = duplicate.get() ? Outcome.DUPLICATE : Outcome.APPLIED;
    } catch (PoisonEventException e) {
      delivery.poison = e;
    }
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
