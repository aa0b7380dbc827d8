package dev.ats.roles.service;

import dev.ats.platform.outbox.Outbox;
import dev.ats.roles.domain.Role;
import dev.ats.roles.domain.RoleRepository;
import dev.ats.roles.domain.RoleStatus;
import dev.ats.roles.messaging.RoleEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Writes role events to the outbox, in the transaction of the change they describe. */
@ApplicationScoped
public class RoleEvents {

  private final Outbox outbox;
  private final RoleRepository roles;
  private final RoleViews views;

  public RoleEvents(Outbox outbox, RoleRepository roles, RoleViews views) {
    this.outbox = outbox;
    this.roles = roles;
    this.views = views;
  }

  /**
   * Flushes {@code role} (so that its version is the one the change produced) and adds the event.
   *
   * @return the role as the event shows it
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public RoleSnapshot publish(Role role, String type, RoleStatus previousStatus, String reason) {
    roles.flush();
    RoleSnapshot snapshot = views.snapshot(role);
    outbox.add(
        RoleEvent.TOPIC, type, role.id.toString(), new RoleEvent(snapshot, previousStatus, reason));
    return snapshot;
  }
}
