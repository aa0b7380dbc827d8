package dev.ats.roles.messaging;

import dev.ats.roles.domain.RoleStatus;
import dev.ats.roles.service.RoleSnapshot;
import java.util.List;

/**
 * The payload of every event on {@code roles.events}: the role after the change, the status before
 * it (status changes only) and why (close reason, reopen reason, what filled an opening).
 */
public record RoleEvent(RoleSnapshot role, RoleStatus previousStatus, String reason) {

  public static final String TOPIC = "roles.events";

  public static final String CREATED = "dev.ats.role.created.v1";
  public static final String OPENED = "dev.ats.role.opened.v1";
  public static final String UPDATED = "dev.ats.role.updated.v1";
  public static final String CLOSED = "dev.ats.role.closed.v1";
  public static final String FILLED = "dev.ats.role.filled.v1";
  public static final String REOPENED = "dev.ats.role.reopened.v1";

  /**
   * Every type this service publishes; each has a schema in docs/events and a message in
   * docs/asyncapi.yaml.
   */
  public static final List<String> TYPES =
      List.of(CREATED, OPENED, UPDATED, CLOSED, FILLED, REOPENED);
}
