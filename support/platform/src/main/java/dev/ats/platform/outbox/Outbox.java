package dev.ats.platform.outbox;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.platform.tracing.TraceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
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
    UUID eventId = UUID.randomUUID();
    String body;
    try {
      body = json.writeValueAsString(payload);
    } catch (JsonProcessingException e) {
      throw new IllegalArgumentException("event payload is not serialisable: " + type, e);
    }
    // The transaction's first event also sends the notification, in the same statement: one round
    // trip per event, none for the notification. Pending entity writes are flushed before it (a
    // native statement), so the events still follow the changes they describe.
    boolean first = registerWakeOnCommit();
    Query insert =
        em.createNativeQuery(
                (first ? "with e as (" : "")
                    + "insert into outbox_event (event_id, topic, event_key, type, source, subject,"
                    + " occurred_at, payload, traceparent, attempts) values (:eventId, :topic,"
                    + " :key, :type, :source, :subject, :occurredAt, :payload, :traceparent, 0)"
                    + (first
                        ? " returning seq) select cast(pg_notify('"
                            + CHANNEL
                            + "', '') as text)"
                            + " from e"
                        : ""))
            .setParameter("eventId", eventId)
            .setParameter("topic", topic)
            .setParameter("key", subject)
            .setParameter("type", type)
            .setParameter("source", source)
            .setParameter("subject", subject)
            .setParameter("occurredAt", Instant.now())
            .setParameter("payload", body)
            .setParameter("traceparent", TraceContext.current());
    if (first) {
      insert.getSingleResult();
    } else {
      insert.executeUpdate();
    }
    return eventId;
  }

  /**
   * Once per transaction, a hook that wakes this instance's relay after the commit.
   *
   * @return true the first time in the transaction: the caller sends the notification for every
   *     instance (delivered by PostgreSQL only if the transaction commits)
   */
  private boolean registerWakeOnCommit() {
    if (transactions.getResource(WAKE_REGISTERED) != null) {
      return false;
    }
    transactions.putResource(WAKE_REGISTERED, Boolean.TRUE);
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
    return true;
  }
}
