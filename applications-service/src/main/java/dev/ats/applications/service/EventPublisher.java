package dev.ats.applications.service;

import dev.ats.applications.events.ApplicationEvent;
import dev.ats.platform.events.EventTypes;
import dev.ats.platform.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Writes this service's events to the outbox, in the transaction of the change they describe. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class EventPublisher {

  private final Outbox outbox;

  public EventPublisher(Outbox outbox) {
    this.outbox = outbox;
  }

  public void publish(ApplicationEvent event) {
    outbox.add(EventTypes.APPLICATIONS_TOPIC, event.type(), event.subject(), event);
  }
}
