package dev.ats.platform.events;

import java.util.List;

/**
 * The event contract's topics and types, named once for every producer and consumer. Each type has
 * a JSON Schema at {@code docs/events/<type>.json} and a message in {@code docs/asyncapi.yaml}. A
 * consumer ignores a type of this contract that it does not handle and dead-letters a type outside
 * it (see {@link EventConsumer}): add a type here, and to the documents, before any service
 * produces it.
 */
public final class EventTypes {

  /** Role state, key role id; compacted. */
  public static final String ROLES_TOPIC = "roles.events";

  /** Application and candidate events, key application id (candidate events: candidate id). */
  public static final String APPLICATIONS_TOPIC = "applications.events";

  public static final String ROLE_CREATED = "dev.ats.role.created.v1";
  public static final String ROLE_OPENED = "dev.ats.role.opened.v1";
  public static final String ROLE_UPDATED = "dev.ats.role.updated.v1";
  public static final String ROLE_CLOSED = "dev.ats.role.closed.v1";
  public static final String ROLE_FILLED = "dev.ats.role.filled.v1";
  public static final String ROLE_REOPENED = "dev.ats.role.reopened.v1";

  public static final String APPLICATION_SUBMITTED = "dev.ats.application.submitted.v1";
  public static final String APPLICATION_STAGE_CHANGED = "dev.ats.application.stage-changed.v1";
  public static final String APPLICATION_HIRED = "dev.ats.application.hired.v1";
  public static final String APPLICATION_REJECTED = "dev.ats.application.rejected.v1";
  public static final String APPLICATION_WITHDRAWN = "dev.ats.application.withdrawn.v1";
  public static final String APPLICATION_EVALUATION_SUBMITTED =
      "dev.ats.application.evaluation-submitted.v1";
  public static final String CANDIDATE_ERASED = "dev.ats.candidate.erased.v1";

  /** Every type on {@value #ROLES_TOPIC}. */
  public static final List<String> ROLE_TYPES =
      List.of(ROLE_CREATED, ROLE_OPENED, ROLE_UPDATED, ROLE_CLOSED, ROLE_FILLED, ROLE_REOPENED);

  /** Every type on {@value #APPLICATIONS_TOPIC}. */
  public static final List<String> APPLICATION_TYPES =
      List.of(
          APPLICATION_SUBMITTED,
          APPLICATION_STAGE_CHANGED,
          APPLICATION_HIRED,
          APPLICATION_REJECTED,
          APPLICATION_WITHDRAWN,
          APPLICATION_EVALUATION_SUBMITTED,
          CANDIDATE_ERASED);

  private EventTypes() {}

  /** Whether {@code type} belongs to the event contract. */
  public static boolean inContract(String type) {
    return ROLE_TYPES.contains(type) || APPLICATION_TYPES.contains(type);
  }
}
