package dev.ats.roles.service;

import dev.ats.platform.inbox.Inbox;
import dev.ats.roles.domain.Role;
import dev.ats.roles.domain.RoleOpening;
import dev.ats.roles.domain.RoleOpeningRepository;
import dev.ats.roles.domain.RoleRepository;
import dev.ats.roles.domain.RoleStatus;
import dev.ats.roles.domain.UnplacedHire;
import dev.ats.roles.messaging.ApplicationHired;
import dev.ats.roles.messaging.RoleEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * Fills openings from hires. Each hired application fills at most one opening, however often its
 * event arrives; the hire that fills an OPEN role's last opening moves it to FILLED.
 */
@ApplicationScoped
@Transactional
public class HiringService {

  /** The inbox name of the applications.events consumer. */
  public static final String CONSUMER = "roles-service.hires";

  private static final Logger LOG = Logger.getLogger(HiringService.class);

  /** What became of a hire event. */
  public enum Outcome {
    /** An opening was filled, and the role stays as it was. */
    FILLED_OPENING,
    /** The role's last opening was filled: it is FILLED now. */
    FILLED_ROLE,
    /** This event id was processed before. */
    DUPLICATE_EVENT,
    /** Another event already placed (or failed to place) this application. */
    APPLICATION_ALREADY_HANDLED,
    /** Recorded as an unplaced hire: the role is not known here. */
    UNKNOWN_ROLE,
    /** Recorded as an unplaced hire: every opening was already filled. */
    NO_OPENING_LEFT
  }

  private final Inbox inbox;
  private final RoleRepository roles;
  private final RoleOpeningRepository openings;
  private final RoleEvents events;

  public HiringService(
      Inbox inbox, RoleRepository roles, RoleOpeningRepository openings, RoleEvents events) {
    this.inbox = inbox;
    this.roles = roles;
    this.openings = openings;
    this.events = events;
  }

  /** Applies the hire in {@code eventId} once, in one transaction with the inbox record. */
  public Outcome recordHire(String eventId, ApplicationHired hire) {
    if (!inbox.firstDelivery(CONSUMER, eventId)) {
      LOG.debugf("hire event %s was already processed", eventId);
      return Outcome.DUPLICATE_EVENT;
    }
    if (openings.filledBy(hire.applicationId())
        || UnplacedHire.findByIdOptional(hire.applicationId()).isPresent()) {
      LOG.infof(
          "application %s was already handled; hire event %s changes nothing",
          hire.applicationId(), eventId);
      return Outcome.APPLICATION_ALREADY_HANDLED;
    }
    Optional<Role> found = roles.findForUpdate(hire.roleId());
    if (found.isEmpty()) {
      return unplaced(eventId, hire, UnplacedHire.Reason.UNKNOWN_ROLE);
    }
    Role role = found.get();
    Optional<RoleOpening> opening = openings.nextOpen(role.id);
    if (opening.isEmpty()) {
      return unplaced(eventId, hire, UnplacedHire.Reason.NO_OPENING_LEFT);
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    opening.get().fill(hire.applicationId(), hire.hiredAt() == null ? now : hire.hiredAt());
    role.openingsFilled++;
    role.updatedAt = now;
    String filledBy = "opening filled by application " + hire.applicationId();
    if (role.status == RoleStatus.OPEN && role.openOpenings() == 0) {
      role.status = RoleStatus.FILLED;
      role.statusReason = "all openings filled";
      events.publish(role, RoleEvent.FILLED, RoleStatus.OPEN, "all openings filled");
      LOG.infof(
          "role %s is filled: application %s took its last opening", role.id, hire.applicationId());
      return Outcome.FILLED_ROLE;
    }
    events.publish(role, RoleEvent.UPDATED, null, filledBy);
    return Outcome.FILLED_OPENING;
  }

  private Outcome unplaced(String eventId, ApplicationHired hire, UnplacedHire.Reason reason) {
    LOG.warnf(
        "hire of application %s for role %s fills no opening (%s); recorded for a recruiter",
        hire.applicationId(), hire.roleId(), reason);
    UnplacedHire unplaced = new UnplacedHire();
    unplaced.applicationId = hire.applicationId();
    unplaced.roleId = hire.roleId();
    unplaced.eventId = eventId;
    unplaced.reason = reason;
    unplaced.hiredAt = hire.hiredAt();
    unplaced.recordedAt = Instant.now();
    unplaced.persist();
    return reason == UnplacedHire.Reason.UNKNOWN_ROLE
        ? Outcome.UNKNOWN_ROLE
        : Outcome.NO_OPENING_LEFT;
  }
}
