package dev.ats.notifications.messaging;

import dev.ats.notifications.service.EventHandlingService;
import dev.ats.platform.events.EventConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code applications.events} and {@code roles.events} through the platform's one consumer
 * path ({@link EventConsumer}): read with {@link InboundEventReader}, applied by {@link
 * EventHandlingService} in one transaction with the inbox record, poison records to {@code
 * notifications.dead-letter} with the reason, transient failures retried until they apply.
 */
@ApplicationScoped
public class EventsConsumer {

  /** The inbox's name for this service's subscription to both topics. */
  static final String CONSUMER = "notifications-service";

  private final EventConsumer events;
  private final InboundEventReader reader;
  private final EventHandlingService handling;

  public EventsConsumer(
      EventConsumer events, InboundEventReader reader, EventHandlingService handling) {
    this.events = events;
    this.reader = reader;
    this.handling = handling;
  }

  @Incoming("applications")
  @Blocking
  public void onApplicationEvent(ConsumerRecord<String, String> record) {
    events.consume(record, CONSUMER, reader, handling::apply);
  }

  @Incoming("roles")
  @Blocking
  public void onRoleEvent(ConsumerRecord<String, String> record) {
    events.consume(record, CONSUMER, reader, handling::apply);
  }
}
