package dev.ats.platform.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import dev.ats.platform.inbox.Inbox;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.apache.kafka.clients.consumer.ConsumerRecord;
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
 * String>}.
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

  public EventConsumer(Inbox inbox, EventRetry retry, DeadLetters deadLetters, ObjectMapper json) {
    this.inbox = inbox;
    this.retry = retry;
    this.deadLetters = deadLetters;
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
    try {
      retry.untilApplied(
          what,
          () ->
              QuarkusTransaction.requiringNew()
                  .run(
                      () -> {
                        if (!inbox.firstDelivery(consumer, event.id())) {
                          duplicate.set(true);
                          return;
                        }
                        duplicate.set(false);
                        handler.apply(inbound.get());
                      }));
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

  private Outcome deadLetter(
      ConsumerRecord<String, String> record, String where, RuntimeException e) {
    LOG.errorf("%s sent to %s: %s", where, deadLetters.topic(), e.getMessage());
    retry.untilApplied(
        "dead-lettering " + where, () -> deadLetters.publish(record, e.getMessage()));
    return Outcome.DEAD_LETTERED;
  }
}
