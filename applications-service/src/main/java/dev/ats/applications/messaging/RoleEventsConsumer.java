package dev.ats.applications.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.applications.service.RoleCopyService;
import dev.ats.platform.events.CloudEvent;
import dev.ats.platform.events.EventRetry;
import dev.ats.platform.events.PoisonEventException;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the role copy from {@code roles.events}. A record is acknowledged (its offset committed)
 * only after its effect committed: a transient failure (the database away) is retried by {@link
 * EventRetry}, in order, for as long as it takes. A poison record (no CloudEvent headers, a body
 * that is not a role event) is logged and skipped, so it never blocks its partition.
 */
@ApplicationScoped
public class RoleEventsConsumer {

  private static final Logger LOG = Logger.getLogger(RoleEventsConsumer.class);

  private final RoleCopyService roleCopies;
  private final ObjectMapper json;
  private final EventRetry retry;

  public RoleEventsConsumer(RoleCopyService roleCopies, ObjectMapper json, EventRetry retry) {
    this.roleCopies = roleCopies;
    this.json = json;
    this.retry = retry;
  }

  @Incoming("roles")
  @Blocking
  public void onRoleEvent(ConsumerRecord<String, String> record) {
    CloudEvent event;
    RoleEvent payload;
    try {
      event = CloudEvent.from(record);
      if (!event.type().startsWith(RoleEvent.PREFIX)) {
        return; // another aggregate's event: not ours to handle
      }
      payload = json.readValue(event.data(), RoleEvent.class);
      RoleCopyService.validate(payload);
    } catch (PoisonEventException | JsonProcessingException e) {
      LOG.errorf(
          "skipping poison record %s-%d@%d: %s",
          record.topic(), record.partition(), record.offset(), e.getMessage());
      return;
    }
    try {
      retry.untilApplied(
          "role event " + event.id() + " (" + event.type() + ")",
          () -> roleCopies.apply(event.id(), event.type(), payload));
    } catch (PoisonEventException e) {
      LOG.errorf("skipping poison event %s (%s): %s", event.id(), event.type(), e.getMessage());
    }
  }
}
