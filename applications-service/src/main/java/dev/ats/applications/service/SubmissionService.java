package dev.ats.applications.service;

import dev.ats.applications.domain.Application;
import dev.ats.applications.domain.ApplicationRepository;
import dev.ats.applications.domain.ApplicationSearch;
import dev.ats.applications.domain.Candidate;
import dev.ats.applications.domain.CandidateRepository;
import dev.ats.applications.domain.Document;
import dev.ats.applications.domain.EligibilityOutcome;
import dev.ats.applications.domain.RejectionReason;
import dev.ats.applications.domain.RoleCopy;
import dev.ats.applications.domain.RoleCopyRepository;
import dev.ats.applications.domain.RuleOutcome;
import dev.ats.applications.domain.Stage;
import dev.ats.applications.events.ApplicationEvent;
import dev.ats.applications.service.documents.DocumentClaims;
import dev.ats.platform.time.Timestamps;
import dev.ats.web.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * Submissions: against this service's copy of the role (never roles-service itself), evaluated
 * against the role's eligibility rules, one active application per candidate and role.
 */
@ApplicationScoped
@Transactional
public class SubmissionService {

  /** The new application and its access token, which is shown once and never stored. */
  public record Submitted(ApplicationDetails application, String accessToken) {}

  private final ApplicationRepository applications;
  private final CandidateRepository candidates;
  private final RoleCopyRepository roles;
  private final StageChanges stageChanges;
  private final EventPublisher events;
  private final ApplicationSearch search;
  private final DocumentClaims documentClaims;

  public SubmissionService(
      ApplicationRepository applications,
      CandidateRepository candidates,
      RoleCopyRepository roles,
      StageChanges stageChanges,
      EventPublisher events,
      ApplicationSearch search,
      DocumentClaims documentClaims) {
    this.documentClaims = documentClaims;
    this.applications = applications;
    this.candidates = candidates;
    this.roles = roles;
    this.stageChanges = stageChanges;
    this.events = events;
    this.search = search;
  }

  /**
   * Submits an application. Ineligible answers are accepted and the application is REJECTED at once
   * with reason INELIGIBLE: events {@code submitted} (stage REJECTED) then {@code rejected}, both
   * at version 1.
   */
  public Submitted submit(NewApplication request) {
    RoleCopy role = openRole(request.roleId());
    Instant now = Timestamps.now();
    if (role.applicationDeadline != null && !now.isBefore(role.applicationDeadline)) {
      throw new ApiException(
          409,
          "deadline-passed",
          "Application deadline passed",
          "The application deadline of role "
              + role.roleId
              + " passed at "
              + role.applicationDeadline,
          Map.of("applicationDeadline", role.applicationDeadline.toString()));
    }
    EligibilityEvaluator.Result eligibility =
        EligibilityEvaluator.evaluate(
            role.eligibilityRules == null ? List.of() : role.eligibilityRules, request.answers());

    String email = request.applicant().email();
    Candidate candidate = candidates.upsertByEmail(request.applicant().trimmed());
    // Both set to now() by the upsert's insert; an update leaves created_at as it was.
    boolean newCandidate = candidate.createdAt.equals(candidate.updatedAt);
    boolean ineligible = eligibility.outcome() == EligibilityOutcome.INELIGIBLE;
    if (ineligible
        && !newCandidate
        && applications.hasActiveApplication(candidate.id, role.roleId)) {
      // An ineligible application is REJECTED at once, which the unique index below ignores.
      throw duplicate(email, role.roleId);
    }
    String token = AccessTokens.newToken();

    Application app = new Application();
    app.id = UUID.randomUUID();
    app.roleId = role.roleId;
    app.candidate = candidate;
    app.stage = ineligible ? Stage.REJECTED : Stage.SUBMITTED;
    app.rejectionReason = ineligible ? RejectionReason.INELIGIBLE : null;
    app.answers = request.answers();
    app.eligibilityOutcome = eligibility.outcome();
    app.eligibilityRules =
        eligibility.checks().stream()
            .map(c -> new RuleOutcome(c.ruleId(), c.passed(), c.explanation()))
            .toList();
    app.source = request.source();
    app.consentPolicyVersion = request.privacyPolicyVersion();
    app.consentAcceptedAt = now;
    app.accessTokenHash = AccessTokens.sha256(token);
    app.version = 1;
    app.submittedAt = now;
    app.updatedAt = now;
    applications.persist(app);
    // The duplicate check is the insert itself (application_one_active_per_role), not a query
    // before it; written before the documents are checked, so a second application is a 409
    // whatever it attaches.
    flushOrDuplicate(email, role.roleId);
    List<Document> documents = documentClaims.check(request.documents(), role.resumeRequired, now);
    stageChanges.record(app, null, Stage.SUBMITTED, null, null, StageChanges.CANDIDATE_ACTOR, now);
    documentClaims.claim(documents, request.documents(), app.id, now);

    events.publish(submitted(app, role, eligibility, documents));
    if (ineligible) {
      // Accepted, then immediately rejected: the submitted event already says REJECTED, and the
      // rejected event tells the candidate why. Same version: one change.
      stageChanges.record(
          app,
          Stage.SUBMITTED,
          Stage.REJECTED,
          RejectionReason.INELIGIBLE.name(),
          null,
          StageChanges.SYSTEM_ACTOR,
          now);
      events.publish(
          new ApplicationEvent.Rejected(
              app.id,
              role.roleId,
              candidate.id,
              RejectionReason.INELIGIBLE,
              eligibility.failedExplanations(),
              StageChanges.SYSTEM_ACTOR,
              app.version,
              now));
    }
    flushOrDuplicate(email, role.roleId);
    if (newCandidate) {
      // Their only application: nothing else to re-index.
      search.refresh(List.of(app.id));
    } else {
      // The upsert may have changed the candidate's details: all their applications are re-indexed.
      search.refreshCandidate(candidate.id);
    }
    return new Submitted(ApplicationDetails.of(app), token);
  }

  /** Writes what is pending; a second active application to the role is a 409. */
  private void flushOrDuplicate(String email, UUID roleId) {
    try {
      applications.flush();
    } catch (PersistenceException e) {
      if (String.valueOf(rootMessage(e)).contains("application_one_active_per_role")) {
        throw duplicate(email, roleId);
      }
      throw e;
    }
  }

  /** The role's copy: 404 if unknown here, 409 unless OPEN. */
  private RoleCopy openRole(UUID roleId) {
    RoleCopy role =
        roles.findByIdOptional(roleId).orElseThrow(() -> RoleCopyService.roleNotFound(roleId));
    if (!"OPEN".equals(role.status)) {
      throw new ApiException(
          409,
          "role-not-open",
          "Role not open",
          "Role " + role.roleId + " is " + role.status + " and does not accept applications",
          Map.of("roleStatus", role.status));
    }
    return role;
  }

  private static ApplicationEvent.Submitted submitted(
      Application app,
      RoleCopy role,
      EligibilityEvaluator.Result eligibility,
      List<Document> documents) {
    Candidate candidate = app.candidate;
    return new ApplicationEvent.Submitted(
        app.id,
        role.roleId,
        role.title,
        candidate.id,
        new ApplicationEvent.CandidateSummary(
            candidate.email, candidate.firstName, candidate.lastName),
        app.stage,
        new ApplicationEvent.Eligibility(
            eligibility.outcome(),
            eligibility.checks().stream()
                .map(c -> new ApplicationEvent.RuleResult(c.ruleId(), c.passed(), c.explanation()))
                .toList()),
        app.source,
        app.submittedAt,
        app.version,
        documents.stream()
            .map(
                d -> new ApplicationEvent.DocumentSummary(d.id, d.kind, d.contentType, d.sizeBytes))
            .toList());
  }

  private static ApiException duplicate(String email, UUID roleId) {
    return new ApiException(
        409,
        "duplicate-application",
        "Duplicate application",
        email + " already has an active application to role " + roleId);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
