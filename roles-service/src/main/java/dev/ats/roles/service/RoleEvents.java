package dev.ats.roles.service;

import dev.ats.platform.events.EventTypes;
import dev.ats.platform.outbox.Outbox;
import dev.ats.platform.time.Timestamps;
import dev.ats.roles.domain.Role;
import dev.ats.roles.domain.RoleRepository;
import dev.ats.roles.domain.RoleState;
import dev.ats.roles.domain.RoleStatus;
import dev.ats.roles.events.RoleEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;

/** Writes role events to the outbox, in the transaction of the change they describe. */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class RoleEvents {

  private final Outbox outbox;
  private final RoleRepository roles;

  public RoleEvents(Outbox outbox, RoleRepository roles) {
    this.outbox = outbox;
    this.roles = roles;
  }

  /**
   * Flushes {@code role} (so that its version is the one the change produced) and adds the event.
   *
   * @return the role as the event shows it
   */
  public RoleState publish(Role role, String type, RoleStatus previousStatus, String reason) {
    roles.flush();
    RoleState state = role.state();
    outbox.add(
        EventTypes.ROLES_TOPIC,
        type,
        role.id.toString(),
        RoleEvent.of(state, previousStatus, reason));
    return state;
  }

  /** Moves {@code role} to {@code to} for {@code reason} and publishes {@code type}. */
  public RoleState changeStatus(Role role, RoleStatus to, String type, String reason) {
    RoleStatus from = role.moveTo(to, reason, Timestamps.now());
    return publish(role, type, from, reason);
  }
}
