package dev.ats.applications.service;

import dev.ats.applications.domain.Application;
import dev.ats.applications.domain.ApplicationRepository;
import dev.ats.applications.domain.RejectionReason;
import dev.ats.applications.domain.RoleCopy;
import dev.ats.applications.domain.RoleCopyRepository;
import dev.ats.applications.domain.Stage;
import dev.ats.web.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The hiring pipeline as recruiters (and role events) drive it: stage transitions with optimistic
 * concurrency ({@code If-Match}), the hire guard, withdrawal by a recruiter, and rejecting what is
 * left when a role is filled.
 *
 * <p>Headcount: roles-service is the one authority (openings, which are filled, FILLED). This
 * service decides who is hired and refuses a hire it can already see is one too many, keeping no
 * count of its own: a hire locks the role copy and counts the role's HIRED applications against the
 * copy's openings. A copy that lags behind roles-service is roles-service's to detect (a hire it
 * cannot place).
 */
@ApplicationScoped
@Transactional
public class PipelineService {

  private final ApplicationRepository applications;
  private final RoleCopyRepository roles;
  private final ApplicationLookup lookup;
  private final StageChanges stageChanges;

  public PipelineService(
      ApplicationRepository applications,
      RoleCopyRepository roles,
      ApplicationLookup lookup,
      StageChanges stageChanges) {
    this.applications = applications;
    this.roles = roles;
    this.lookup = lookup;
    this.stageChanges = stageChanges;
  }

  /**
   * Moves an application to another stage, if {@code expectedVersion} is still its version (null:
   * any). HIRED needs an opening left; REJECTED needs a reason from the fixed list.
   */
  public ApplicationDetails transition(
      UUID id, Long expectedVersion, Stage to, String reason, String note, String actor) {
    return applyTransition(id, expectedVersion, to, reason, note, actor);
  }

  /**
   * Locks the applications of one chunk of a bulk transition, in the order every statement that
   * locks several applications takes them ({@code submitted_at, id}: a filled role's rejections, an
   * erasure), so they never wait for each other in a circle; for a hire, the role copies first, as
   * a single hire locks them. Ids that do not exist are left for {@link #transitionInBulk} to
   * answer (404).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void lockForBulk(List<UUID> ids, Stage to) {
    if (to == Stage.HIRED) {
      applications
          .getEntityManager()
          .createQuery("select distinct roleId from Application where id in ?1", UUID.class)
          .setParameter(1, ids)
          .getResultList()
          .stream()
          .sorted()
          .forEach(roles::findForUpdate);
    }
    applications
        .find("id in ?1 order by submittedAt, id", ids)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .list();
  }

  /**
   * {@link #transition} as one item of a bulk chunk, in the chunk's transaction: a refused
   * transition (404, 409, 412) is refused before anything is written, so it leaves the transaction
   * to the chunk's other items instead of marking it for rollback.
   */
  @Transactional(value = Transactional.TxType.MANDATORY, dontRollbackOn = ApiException.class)
  public ApplicationDetails transitionInBulk(
      UUID id, long expectedVersion, Stage to, String reason, String note, String actor) {
    return applyTransition(id, expectedVersion, to, reason, note, actor);
  }

  private ApplicationDetails applyTransition(
      UUID id, Long expectedVersion, Stage to, String reason, String note, String actor) {
    // A hire locks the role copy before the application, in the order a role event locks them.
    Optional<RoleCopy> role =
        to == Stage.HIRED
            ? roles.findForUpdate(
                applications.roleOf(id).orElseThrow(() -> ApplicationLookup.notFound(id)))
            : Optional.empty();
    Application app = lookup.forUpdate(id);
    StageChanges.requireVersion(app, expectedVersion);
    StageChanges.requireAllowed(app, to);
    switch (to) {
      case REJECTED -> stageChanges.reject(app, rejectionReason(reason), null, note, actor);
      case HIRED -> {
        requireOpeningLeft(
            role.orElseThrow(
                () ->
                    ApiException.conflict(
                        "Role "
                            + app.roleId
                            + " is not known to applications-service; cannot hire")));
        stageChanges.hire(app, reason, note, actor);
      }
      case WITHDRAWN -> stageChanges.withdraw(app, "RECRUITER", reason, note, actor);
      default -> stageChanges.move(app, to, reason, note, actor);
    }
    return ApplicationDetails.of(app);
  }

  /** A recruiter withdraws an application (e.g. the candidate asked by mail). */
  public ApplicationDetails withdrawByRecruiter(UUID id, Long expectedVersion, String actor) {
    Application app = lookup.forUpdate(id);
    StageChanges.requireVersion(app, expectedVersion);
    StageChanges.requireAllowed(app, Stage.WITHDRAWN);
    stageChanges.withdraw(app, "RECRUITER", null, null, actor);
    return ApplicationDetails.of(app);
  }

  /**
   * The role was filled: every application of it that is still active is rejected with reason
   * POSITION_FILLED, each with its own events, so that every candidate is told.
   *
   * @return how many applications were rejected
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public int rejectRemaining(UUID roleId) {
    List<Application> active = applications.activeOfRoleForUpdate(roleId);
    for (Application app : active) {
      stageChanges.reject(
          app, RejectionReason.POSITION_FILLED, null, null, StageChanges.SYSTEM_ACTOR);
    }
    return active.size();
  }

  /** 409 {@code no-opening-left} when the role's HIRED applications already fill its openings. */
  private void requireOpeningLeft(RoleCopy role) {
    if (applications.hiredFor(role.roleId) >= role.openings) {
      throw new ApiException(
          409,
          "no-opening-left",
          "No opening left",
          "Role " + role.roleId + " has no opening left: every opening is already filled");
    }
  }

  static RejectionReason rejectionReason(String reason) {
    if (reason == null || reason.isBlank()) {
      throw ApiException.badRequest(
          "reason is required to reject: one of " + Arrays.toString(RejectionReason.values()));
    }
    try {
      return RejectionReason.valueOf(reason.trim());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(
          "reason must be one of " + Arrays.toString(RejectionReason.values()));
    }
  }
}
