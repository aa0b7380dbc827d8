package dev.ats.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.platform.tracing.TraceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The only way a service publishes an event: the event row is written in the caller's transaction,
 * so it exists if and only if the state change it describes was committed. {@link OutboxRelay}
 * publishes it afterwards as a binary-mode CloudEvent, woken the moment the transaction commits: in
 * this process by an after-commit hook, in every instance by a PostgreSQL notification on {@value
 * #CHANNEL} (delivered only on commit, see {@link OutboxListener}).
 */
@ApplicationScoped
public class Outbox {

  /** The PostgreSQL notification channel that says "outbox rows were committed". */
  public static final String CHANNEL = "ats_outbox";

  private static final Object WAKE_REGISTERED = new Object();

  private final ObjectMapper json;
  private final String source;
  private final EntityManager em;
  private final TransactionSynchronizationRegistry transactions;
  private final OutboxRelay relay;

  public Outbox(
      ObjectMapper json,
      @ConfigProperty(name = "ats.events.source") String source,
      EntityManager em,
      TransactionSynchronizationRegistry transactions,
      OutboxRelay relay) {
    this.json = json;
    this.source = source;
    this.em = em;
    this.transactions = transactions;
    this.relay = relay;
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
    event.traceparent = TraceContext.current();
    try {
      event.payload = json.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event payload is not serialisable: " + type, e);
    }
    event.persist();
    wakeRelayOnCommit();
    return event.eventId;
  }

  /** Once per transaction: a notification for every instance and a hook for this one. */
  private void wakeRelayOnCommit() {
    if (transactions.getResource(WAKE_REGISTERED) != null) {
      return;
    }
    transactions.putResource(WAKE_REGISTERED, Boolean.TRUE);
    em.createNativeQuery("notify " + CHANNEL).executeUpdate();
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              relay.wake();
            }
          }
        });
  }
}
