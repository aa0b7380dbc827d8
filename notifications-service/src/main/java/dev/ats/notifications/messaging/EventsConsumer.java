package dev.ats.notifications.messaging;

import dev.ats.notifications.service.EventHandlingService;
import dev.ats.platform.events.EventConsumer;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Consumes {@code applications.events} and {@code roles.events} through the platform's one consumer
 * path ({@link EventConsumer}): read with {@link InboundEventReader}, applied by {@link
 * EventHandlingService} in one transaction with the inbox record, poison records to {@code
 * notifications.dead-letter} with the reason, transient failures retried until they apply. Each
 * channel takes a poll's records at once ({@code batch=true}, at most {@code max.poll.records}):
 * their first deliveries are applied in one transaction, one by one only if that fails.
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
  public void onApplicationEvents(ConsumerRecords<String, String> records) {
    events.consumeBatch(records, CONSUMER, reader, handling::apply);
  }

  @Incoming("roles")
  @Blocking
  public void onRoleEvents(ConsumerRecords<String, String> records) {
    events.consumeBatch(records, CONSUMER, reader, handling::apply);
  }
}
