package dev.ats.notifications.messaging;

import dev.ats.notifications.service.EventHandlingService;
import dev.ats.platform.events.CloudEvent;
import dev.ats.platform.events.DeadLetters;
import dev.ats.platform.events.EventRetry;
import dev.ats.platform.events.PoisonEventException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code applications.events} and {@code roles.events}. Each record is either applied (one
 * transaction with the inbox record), ignored (a type this service does not handle), or, if it can
 * never be processed (no or bad CloudEvent headers, not JSON, a required field missing), sent to
 * the dead-letter topic. Any other failure (database or broker away) is retried with backoff until
 * it succeeds: the record is acknowledged only after its effect committed, and is never
 * dead-lettered for a transient reason.
 */
@ApplicationScoped
public class EventsConsumer {

  private static final Logger LOG = Logger.getLogger(EventsConsumer.class);

  private final EventParser parser;
  private final EventHandlingService handling;
  private final DeadLetters deadLetters;
  private final EventRetry retry;

  public EventsConsumer(
      EventParser parser,
      EventHandlingService handling,
      DeadLetters deadLetters,
      EventRetry retry) {
    this.parser = parser;
    this.handling = handling;
    this.deadLetters = deadLetters;
    this.retry = retry;
  }

  @Incoming("applications")
  @Blocking
  public void onApplicationEvent(ConsumerRecord<String, String> record) {
    process(record);
  }

  @Incoming("roles")
  @Blocking
  public void onRoleEvent(ConsumerRecord<String, String> record) {
    process(record);
  }

  void process(ConsumerRecord<String, String> record) {
    String what = "event " + record.topic() + "-" + record.partition() + "@" + record.offset();
    try {
      retry.untilApplied(what, () -> processOnce(record));
    } catch (PoisonEventException e) {
      // The data itself cannot be stored (a value the schema rejects): retrying forever would
      // block the partition, so it is a poison event after all.
      LOG.errorf(e, "%s sent to the dead-letter topic: %s", what, e.getMessage());
      retry.untilApplied(
          "dead-lettering " + what, () -> deadLetters.publish(record, e.getMessage()));
    }
  }

  private void processOnce(ConsumerRecord<String, String> record) {
    Optional<InboundEvent> event;
    try {
      event = parser.parse(CloudEvent.from(record));
    } catch (PoisonEventException e) {
      LOG.warnf(
          "poison event %s-%d@%d sent to the dead-letter topic: %s",
          record.topic(), record.partition(), record.offset(), e.getMessage());
      deadLetters.publish(record, e.getMessage());
      return;
    }
    if (event.isEmpty()) {
      LOG.debugf("ignoring event of type %s", TypeOf.header(record));
      return;
    }
    handling.apply(event.get());
  }

  private static final class TypeOf {
    static String header(ConsumerRecord<String, String> record) {
      var header = record.headers().lastHeader("ce_type");
      return header == null ? null : new String(header.value());
    }
  }
}
