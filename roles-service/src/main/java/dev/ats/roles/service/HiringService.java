package dev.ats.roles.service;

import static jakarta.transaction.Transactional.TxType.SUPPORTS;

import dev.ats.platform.events.EventTypes;
import dev.ats.platform.time.Timestamps;
import dev.ats.roles.domain.Role;
import dev.ats.roles.domain.RoleOpening;
import dev.ats.roles.domain.RoleOpeningRepository;
import dev.ats.roles.domain.RoleRepository;
import dev.ats.roles.domain.RoleStatus;
import dev.ats.roles.domain.UnplacedHire;
import dev.ats.roles.domain.UnplacedHireRepository;
import dev.ats.roles.events.ApplicationHired;
import dev.ats.web.error.ApiException;
import dev.ats.web.paging.Cursors;
import dev.ats.web.paging.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Headcount: roles-service is its one authority. Each hired application fills at most one opening,
 * however often its event arrives; the hire that fills an OPEN role's last opening moves it to
 * FILLED. A hire that cannot be placed (unknown role, no opening left) is recorded as an unplaced
 * hire, logged and listed by the API, and changes nothing else.
 */
@ApplicationScoped
@Transactional
public class HiringService {

  private static final Logger LOG = Logger.getLogger(HiringService.class);

  /** What became of a hire. */
  public enum Outcome {
    /** An opening was filled, and the role stays as it was. */
    FILLED_OPENING,
    /** The role's last opening was filled: it is FILLED now. */
    FILLED_ROLE,
    /** Another event already placed (or failed to place) this application. */
    APPLICATION_ALREADY_HANDLED,
    /** Recorded as an unplaced hire: the role is not known here. */
    UNKNOWN_ROLE,
    /** Recorded as an unplaced hire: every opening was already filled. */
    NO_OPENING_LEFT
  }

  private final RoleRepository roles;
  private final RoleOpeningRepository openings;
  private final UnplacedHireRepository unplacedHires;
  private final RoleEvents events;

  public HiringService(
      RoleRepository roles,
      RoleOpeningRepository openings,
      UnplacedHireRepository unplacedHires,
      RoleEvents events) {
    this.roles = roles;
    this.openings = openings;
    this.unplacedHires = unplacedHires;
    this.events = events;
  }

  /**
   * Places the hire of event {@code eventId}. The caller makes it run once per event (the inbox);
   * this makes it count once per application.
   */
  public Outcome recordHire(String eventId, ApplicationHired hire) {
    if (openings.filledBy(hire.applicationId())
        || unplacedHires.findByIdOptional(hire.applicationId()).isPresent()) {
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
    Instant now = Timestamps.now();
    Instant hiredAt = hire.hiredAt() == null ? now : Timestamps.stored(hire.hiredAt());
    opening.get().fill(hire.applicationId(), hiredAt);
    role.openingsFilled++;
    role.updatedAt = now;
    if (role.status == RoleStatus.OPEN && role.openOpenings() == 0) {
      events.changeStatus(
          role,
          RoleStatus.FILLED,
          EventTypes.ROLE_FILLED,
          "application " + hire.applicationId() + " filled the last opening");
      LOG.infof(
          "role %s is filled: application %s took its last opening", role.id, hire.applicationId());
      return Outcome.FILLED_ROLE;
    }
    events.publish(
        role,
        EventTypes.ROLE_UPDATED,
        null,
        "opening filled by application " + hire.applicationId());
    return Outcome.FILLED_OPENING;
  }

  /**
   * One page of the hires of role {@code roleId} that filled no opening, newest first. A role id
   * that is neither a role nor named by an unplaced hire is a 404; an unknown role's unplaced hires
   * are listed (that is how a recruiter finds them).
   */
  @Transactional(SUPPORTS)
  public Page<UnplacedHireEntry> listUnplaced(UUID roleId, String cursor, Integer limit) {
    int size = Cursors.limit(limit);
    Cursors.Position after = Cursors.position(cursor);
    List<UnplacedHire> rows = unplacedHires.list(roleId, after, size + 1);
    if (rows.isEmpty() && after == null && roles.findByIdOptional(roleId).isEmpty()) {
      throw ApiException.notFound("role", roleId);
    }
    return Page.of(
        rows,
        size,
        UnplacedHireEntry::of,
        hire -> Cursors.encode(hire.recordedAt, hire.applicationId));
  }

  private Outcome unplaced(String eventId, ApplicationHired hire, UnplacedHire.Reason reason) {
    LOG.warnf(
        "unplaced hire: application %s for role %s fills no opening (%s); recorded for a"
            + " recruiter, listed by GET /api/v1/roles/%s/unplaced-hires",
        hire.applicationId(), hire.roleId(), reason, hire.roleId());
    unplacedHires.persist(
        UnplacedHire.of(
            hire.applicationId(),
            hire.roleId(),
            eventId,
            reason,
            Timestamps.stored(hire.hiredAt()),
            Timestamps.now()));
    return reason == UnplacedHire.Reason.UNKNOWN_ROLE
        ? Outcome.UNKNOWN_ROLE
        : Outcome.NO_OPENING_LEFT;
  }
}
