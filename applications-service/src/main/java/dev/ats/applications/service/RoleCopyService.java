package dev.ats.applications.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ats.applications.domain.RoleCopy;
import dev.ats.applications.domain.RoleCopyRepository;
import dev.ats.applications.messaging.RoleEvent;
import dev.ats.platform.events.PoisonEventException;
import dev.ats.platform.inbox.Inbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import org.jboss.logging.Logger;

/** Keeps this service's copy of each role up to date from roles-service's events. */
@ApplicationScoped
@Transactional
public class RoleCopyService {

  public static final String CONSUMER = "applications-service.roles";
  private static final Logger LOG = Logger.getLogger(RoleCopyService.class);

  private final RoleCopyRepository roles;
  private final ApplicationService applications;
  private final Inbox inbox;

  public RoleCopyService(RoleCopyRepository roles, ApplicationService applications, Inbox inbox) {
    this.roles = roles;
    this.applications = applications;
    this.inbox = inbox;
  }

  /**
   * Checks that a role event carries what this service needs, before any retry could loop on it.
   *
   * @throws PoisonEventException if it does not
   */
  public static void validate(RoleEvent event) {
    RoleEvent.Snapshot role = event == null ? null : event.role();
    if (role == null
        || role.id() == null
        || role.version() == null
        || role.status() == null
        || role.openings() == null) {
      throw new PoisonEventException("role event without role.id, version, status or openings");
    }
    if (role.eligibilityRules() != null && !role.eligibilityRules().isArray()) {
      throw new PoisonEventException("role.eligibilityRules is not an array");
    }
    deadline(role.applicationDeadline());
  }

  /**
   * Applies one role event, once: the event id is recorded in the same transaction, and the copy
   * changes only if the event's role version is newer than the copy's. On {@code role.filled} the
   * role's remaining active applications are rejected.
   */
  public void apply(String eventId, String type, RoleEvent event) {
    if (!inbox.firstDelivery(CONSUMER, eventId)) {
      return;
    }
    RoleEvent.Snapshot snapshot = event.role();
    RoleCopy copy = roles.findForUpdate(snapshot.id()).orElse(null);
    boolean newer = copy == null || snapshot.version() > copy.version;
    if (newer) {
      boolean created = copy == null;
      if (created) {
        copy = new RoleCopy();
        copy.roleId = snapshot.id();
      }
      int filled = snapshot.openingsFilled() == null ? 0 : snapshot.openingsFilled();
      copy.title = snapshot.title() == null ? "" : snapshot.title();
      copy.status = snapshot.status();
      copy.openings = snapshot.openings();
      copy.openingsFilled = filled;
      copy.hiredCount = Math.max(copy.hiredCount, filled);
      copy.applicationDeadline = deadline(snapshot.applicationDeadline());
      copy.respondBy = text(snapshot.respondBy());
      copy.eligibilityRules =
          snapshot.eligibilityRules() == null ? "[]" : snapshot.eligibilityRules().toString();
      copy.version = snapshot.version();
      copy.updatedAt = Instant.now();
      if (created) {
        roles.persist(copy);
      }
    } else {
      LOG.debugf(
          "role %s: ignored %s version %d, copy is at %d",
          snapshot.id(), type, snapshot.version(), copy.version);
    }
    if (RoleEvent.FILLED.equals(type) && (newer || "FILLED".equals(copy.status))) {
      int rejected = applications.rejectRemaining(snapshot.id());
      LOG.infof("role %s filled: rejected %d remaining applications", snapshot.id(), rejected);
    }
  }

  /**
   * The instant from which the role takes no more applications. A date means "through that day"
   * (UTC); a timestamp is taken as is.
   */
  static Instant deadline(JsonNode node) {
    String value = text(node);
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

  private static String text(JsonNode node) {
    if (node == null || node.isNull()) {
      return null;
    }
    return node.isValueNode() ? node.asText() : node.toString();
  }
}
