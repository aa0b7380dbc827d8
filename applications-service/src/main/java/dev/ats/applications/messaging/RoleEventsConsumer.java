package dev.ats.applications.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.applications.service.RoleCopyService;
import dev.ats.platform.events.CloudEvent;
import dev.ats.platform.events.PoisonEventException;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Keeps the role copy from {@code roles.events}. A record is acknowledged (its offset committed)
 * only after its effect committed: a transient failure (the database away) is retried here with
 * backoff, in order, for as long as it takes. A poison record (no CloudEvent headers, a body that
 * is not a role event) is logged and skipped, so it never blocks its partition.
 */
@ApplicationScoped
public class RoleEventsConsumer {

  private static final Logger LOG = Logger.getLogger(RoleEventsConsumer.class);
  private static final long MAX_BACKOFF_MS = 30_000;

  private final RoleCopyService roleCopies;
  private final ObjectMapper json;
  private volatile boolean stopping;

  public RoleEventsConsumer(RoleCopyService roleCopies, ObjectMapper json) {
    this.roleCopies = roleCopies;
    this.json = json;
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
    long backoff = 200;
    while (true) {
      try {
        roleCopies.apply(event.id(), event.type(), payload);
        return;
      } catch (PoisonEventException e) {
        LOG.errorf("skipping poison event %s (%s): %s", event.id(), event.type(), e.getMessage());
        return;
      } catch (RuntimeException e) {
        if (stopping) {
          throw e; // not acknowledged: redelivered after the restart
        }
        LOG.warnf(
            "role event %s (%s) not applied yet, retrying in %d ms: %s",
            event.id(), event.type(), backoff, e.toString());
        pause(backoff);
        backoff = Math.min(backoff * 2, MAX_BACKOFF_MS);
      }
    }
  }

  private void pause(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while retrying a role event", e);
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }
}
