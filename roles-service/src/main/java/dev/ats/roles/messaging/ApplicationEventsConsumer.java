package dev.ats.roles.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.platform.events.CloudEvent;
import dev.ats.platform.events.PoisonEventException;
import dev.ats.roles.service.HiringService;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Reads {@code applications.events} and fills an opening for every {@code application.hired}. Other
 * types are ignored. A poison record (no CloudEvent headers, unreadable body) is logged and
 * skipped; any other failure (the database is away) is retried with backoff before the record is
 * acknowledged, so no hire is lost.
 */
@ApplicationScoped
public class ApplicationEventsConsumer {

  public static final String HIRED = "dev.ats.application.hired.v1";

  private static final Logger LOG = Logger.getLogger(ApplicationEventsConsumer.class);
  private static final Duration FIRST_BACKOFF = Duration.ofMillis(200);
  private static final Duration MAX_BACKOFF = Duration.ofSeconds(30);

  private final HiringService hiring;
  private final ObjectMapper json;
  private volatile boolean stopping;

  public ApplicationEventsConsumer(HiringService hiring, ObjectMapper json) {
    this.hiring = hiring;
    this.json = json;
  }

  @Incoming("applications-events")
  @Blocking
  public void onEvent(ConsumerRecord<String, String> record) throws InterruptedException {
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
    Duration backoff = FIRST_BACKOFF;
    while (true) {
      try {
        HiringService.Outcome outcome = hiring.recordHire(event.id(), hire);
        LOG.debugf("hire event %s: %s", event.id(), outcome);
        return;
      } catch (RuntimeException e) {
        if (stopping) {
          throw e; // not acknowledged: redelivered after the restart
        }
        LOG.warnf(
            "hire event %s not applied yet, retrying in %d ms: %s",
            event.id(), backoff.toMillis(), e.toString());
        Thread.sleep(backoff.toMillis());
        backoff =
            backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0
                ? MAX_BACKOFF
                : backoff.multipliedBy(2);
      }
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

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }
}
