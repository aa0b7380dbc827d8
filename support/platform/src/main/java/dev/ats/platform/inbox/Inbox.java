package dev.ats.platform.inbox;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;

/**
 * Makes a consumer idempotent: call {@link #firstDelivery} in the same transaction as the event's
 * side effects and apply them only if it returns true. A redelivered event (same {@code ce_id})
 * then changes nothing, and a rolled-back attempt leaves no mark, so it is retried.
 */
@ApplicationScoped
public class Inbox {

  private final EntityManager em;

  public Inbox(EntityManager em) {
    this.em = em;
  }

  /** Records that {@code consumer} handled {@code eventId}; false if it already had. */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean firstDelivery(String consumer, String eventId) {
    int inserted =
        em.createNativeQuery(
                "insert into processed_event (consumer, event_id) values (:consumer, :id)"
                    + " on conflict do nothing")
            .setParameter("consumer", consumer)
            .setParameter("id", eventId)
            .executeUpdate();
    return inserted == 1;
  }
}
