package dev.ats.roles.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.platform.events.CloudEvent;
import dev.ats.platform.events.EventRetry;
import dev.ats.platform.events.PoisonEventException;
import dev.ats.roles.service.HiringService;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code applications.events} and fills an opening for every {@code application.hired}. Other
 * types are ignored. A poison record (no CloudEvent headers, unreadable body) is logged and
 * skipped; any other failure (the database is away) is retried by {@link EventRetry} before the
 * record is acknowledged, so no hire is lost.
 */
@ApplicationScoped
public class ApplicationEventsConsumer {

  public static final String HIRED = "dev.ats.application.hired.v1";

  private static final Logger LOG = Logger.getLogger(ApplicationEventsConsumer.class);

  private final HiringService hiring;
  private final ObjectMapper json;
  private final EventRetry retry;

  public ApplicationEventsConsumer(HiringService hiring, ObjectMapper json, EventRetry retry) {
    this.hiring = hiring;
    this.json = json;
    this.retry = retry;
  }

  @Incoming("applications-events")
  @Blocking
  public void onEvent(ConsumerRecord<String, String> record) {
    CloudEvent event;
    ApplicationHired hire;
    try {
      event = CloudEvent.from(record);
      if (!HIRED.equals(event.type())) {
        return;
      }
      hire = read(event);
    } catch (PoisonEventException e) {
      LOG.errorf(
          "skipping poison record %s-%d@%d: %s",
          record.topic(), record.partition(), record.offset(), e.getMessage());
      return;
    }
    try {
      retry.untilApplied(
          "hire event " + event.id(),
          () -> LOG.debugf("hire event %s: %s", event.id(), hiring.recordHire(event.id(), hire)));
    } catch (PoisonEventException e) {
      LOG.errorf("skipping hire event %s: %s", event.id(), e.getMessage());
    }
  }

  private ApplicationHired read(CloudEvent event) {
    ApplicationHired hire;
    try {
      hire = json.readValue(event.data(), ApplicationHired.class);
    } catch (JsonProcessingException e) {
      throw new PoisonEventException(
          "event " + event.id() + " is not a readable " + HIRED + ": " + e.getOriginalMessage(), e);
    }
    if (hire == null || hire.applicationId() == null || hire.roleId() == null) {
      throw new PoisonEventException("event " + event.id() + " lacks applicationId or roleId");
    }
    return hire;
  }
}
