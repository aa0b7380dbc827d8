package dev.ats.applications.messaging;

import dev.ats.applications.events.RoleChanged;
import dev.ats.applications.service.RoleCopyService;
import dev.ats.platform.events.CloudEvent;
import dev.ats.platform.events.EventConsumer;
import dev.ats.platform.events.EventTypes;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/**
 * Keeps the role copy from {@code roles.events}, through the platform's one consumer path ({@link
 * EventConsumer}): applied once (inbox), retried through transient failures without acknowledging
 * the record, and a poison record (no CloudEvent headers, a type outside the contract, a payload
 * without what the copy needs) goes to {@code applications.dead-letter} with the reason and its
 * original coordinates.
 */
@ApplicationScoped
public class RoleEventsConsumer {

  /** The inbox's name for this subscription (kept: existing databases hold it). */
  public static final String CONSUMER = "applications-service.roles";

  private final EventConsumer events;
  private final RoleCopyService roleCopies;

  public RoleEventsConsumer(EventConsumer events, RoleCopyService roleCopies) {
    this.events = events;
    this.roleCopies = roleCopies;
  }

  @Incoming("roles")
  @Blocking
  public void onRoleEvents(ConsumerRecords<String, String> records) {
    events.consumeBatch(records, CONSUMER, this::read, roleCopies::apply);
  }

  /** Every role event type becomes a {@link RoleChanged}; other contract types are not ours. */
  Optional<RoleChanged> read(CloudEvent event) {
    if (!EventTypes.ROLE_TYPES.contains(event.type())) {
      return Optional.empty();
    }
    return Optional.of(
        RoleChanged.of(event.type(), events.payload(event, RoleChanged.Payload.class)));
  }
}
