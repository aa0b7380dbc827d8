package dev.ats.applications.events;

import dev.ats.applications.domain.EligibilityRule;
import dev.ats.platform.events.EventTypes;
import dev.ats.platform.events.PoisonEventException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/**
 * An event of {@code roles.events} as this service reads it (inbound; roles-service's own payload
 * record is its RoleEvent): the event's type and what this service keeps of the role. Built from
 * the published {@link Payload} by {@link #of}, which refuses what this service can never apply.
 */
public record RoleChanged(
    String type,
    UUID roleId,
    String title,
    String status,
    int openings,
    int openingsFilled,
    Instant applicationDeadline,
    String respondBy,
    List<EligibilityRule> eligibilityRules,
    boolean resumeRequired,
    long version) {

  /** Every {@code roles.events} payload: {@code {role, previousStatus, reason}}. */
  public record Payload(Role role, String previousStatus, String reason) {}

  /**
   * The role's REST representation as roles-service publishes it; only what this service keeps is
   * read, other fields (and fields added later) are ignored.
   */
  public record Role(
      UUID id,
      String title,
      Integer openings,
      Integer openingsFilled,
      String applicationDeadline,
      String respondBy,
      List<EligibilityRule> eligibilityRules,
      String status,
      Boolean resumeRequired,
      Long version) {}

  /** Whether this is {@code dev.ats.role.filled.v1}: the role's last opening was filled. */
  public boolean filled() {
    return EventTypes.ROLE_FILLED.equals(type);
  }

  /**
   * The event of {@code type} with {@code payload}.
   *
   * @throws PoisonEventException if it lacks what this service needs (role id, version, status,
   *     openings) or its deadline is not a date
   */
  public static RoleChanged of(String type, Payload payload) {
    Role role = payload.role();
    if (role == null
        || role.id() == null
        || role.version() == null
        || role.status() == null
        || role.openings() == null) {
      throw new PoisonEventException("role event without role.id, version, status or openings");
    }
    return new RoleChanged(
        type,
        role.id(),
        role.title() == null ? "" : role.title(),
        role.status(),
        role.openings(),
        role.openingsFilled() == null ? 0 : role.openingsFilled(),
        deadline(role.applicationDeadline()),
        role.respondBy(),
        role.eligibilityRules() == null ? List.of() : role.eligibilityRules(),
        // Older producers and fixtures do not say: no résumé required.
        Boolean.TRUE.equals(role.resumeRequired()),
        role.version());
  }

  /**
   * The instant from which the role takes no more applications. A date means "through that day"
   * (UTC); a timestamp is taken as is.
   */
  static Instant deadline(String value) {
    if (value == null || value.isBlank()) {
      return null;
    }
    try {
      if (value.length() == 10) {
        return LocalDate.parse(value).plusDays(1).atStartOfDay().toInstant(ZoneOffset.UTC);
      }
      return OffsetDateTime.parse(value).toInstant();
    } catch (DateTimeParseException e) {
      throw new PoisonEventException("role.applicationDeadline is not a date: " + value, e);
    }
  }
}
