package dev.ats.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The only way a service publishes an event: the event row is written in the caller's transaction,
 * so it exists if and only if the state change it describes was committed. {@link OutboxRelay}
 * publishes it afterwards as a binary-mode CloudEvent.
 */
@ApplicationScoped
public class Outbox {

  private final ObjectMapper json;
  private final String source;

  public Outbox(ObjectMapper json, @ConfigProperty(name = "ats.events.source") String source) {
    this.json = json;
    this.source = source;
  }

  /**
   * Adds an event to the outbox. {@code subject} is the aggregate id: it is the CloudEvent subject
   * and the Kafka key, so one aggregate's events stay in order.
   *
   * @return the event id ({@code ce_id})
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public UUID add(String topic, String type, String subject, Object payload) {
    OutboxEvent event = new OutboxEvent();
    event.eventId = UUID.randomUUID();
    event.topic = topic;
    event.key = subject;
    event.type = type;
    event.source = source;
    event.subject = subject;
    event.occurredAt = Instant.now();
    try {
      event.payload = json.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event payload is not serialisable: " + type, e);
    }
    event.persist();
    return event.eventId;
  }
}
