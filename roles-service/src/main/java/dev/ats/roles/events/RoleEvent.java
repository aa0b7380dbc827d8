package dev.ats.roles.events;

import dev.ats.roles.domain.RoleState;
import dev.ats.roles.domain.RoleStatus;

/**
 * The payload of every event on {@code roles.events} (types in {@link
 * dev.ats.platform.events.EventTypes#ROLE_TYPES}): the role after the change, the status before it
 * (status changes only) and why (close reason, reopen reason, what filled an opening).
 */
public record RoleEvent(RoleSnapshot role, RoleStatus previousStatus, String reason) {

  public static RoleEvent of(RoleState role, RoleStatus previousStatus, String reason) {
    return new RoleEvent(RoleSnapshot.of(role), previousStatus, reason);
  }
}
