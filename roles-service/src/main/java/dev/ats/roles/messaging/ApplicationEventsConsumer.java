package dev.ats.roles.messaging;

import dev.ats.platform.events.CloudEvent;
import dev.ats.platform.events.EventConsumer;
import dev.ats.platform.events.EventTypes;
import dev.ats.platform.events.PoisonEventException;
import dev.ats.roles.events.ApplicationHired;
import dev.ats.roles.service.HiringService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Reads {@code applications.events} through the platform's {@link EventConsumer} and places every
 * {@code application.hired} ({@link HiringService#recordHire}); the other contract types are
 * ignored. Poison records (no CloudEvent headers, an unreadable hire, a type outside the contract)
 * go to {@code roles.dead-letter}; a transient failure is retried until the hire applies, once. A
 * poll's records come at once ({@code batch=true}) and their hires apply in one transaction, one by
 * one only if that fails.
 */
@ApplicationScoped
public class ApplicationEventsConsumer {

  /** The inbox name of this subscription (kept as it was, so existing databases stay valid). */
  public static final String CONSUMER = "roles-service.hires";

  /** A hire and the id of the event that carried it. */
  record Hire(String eventId, ApplicationHired payload) {}

  private final EventConsumer events;
  private final HiringService hiring;

  public ApplicationEventsConsumer(EventConsumer events, HiringService hiring) {
    this.events = events;
    this.hiring = hiring;
  }

  @Incoming("applications-events")
  @Blocking
  public void onEvents(ConsumerRecords<String, String> records) {
    events.consumeBatch(
        records, CONSUMER, this::read, hire -> hiring.recordHire(hire.eventId(), hire.payload()));
  }

  Optional<Hire> read(CloudEvent event) {
    if (!EventTypes.APPLICATION_HIRED.equals(event.type())) {
      return Optional.empty();
    }
    ApplicationHired hire = events.payload(event, ApplicationHired.class);
    if (hire.applicationId() == null || hire.roleId() == null) {
      throw new PoisonEventException("event " + event.id() + " lacks applicationId or roleId");
    }
    return Optional.of(new Hire(event.id(), hire));
  }
}
