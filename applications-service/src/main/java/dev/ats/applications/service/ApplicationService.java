package dev.ats.applications.service;

import static dev.ats.applications.messaging.ApplicationEvents.TOPIC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.applications.domain.Application;
import dev.ats.applications.domain.ApplicationRepository;
import dev.ats.applications.domain.Candidate;
import dev.ats.applications.domain.CandidateRepository;
import dev.ats.applications.domain.EligibilityOutcome;
import dev.ats.applications.domain.RejectionReason;
import dev.ats.applications.domain.RoleCopy;
import dev.ats.applications.domain.RoleCopyRepository;
import dev.ats.applications.domain.Stage;
import dev.ats.applications.domain.StageChange;
import dev.ats.applications.messaging.ApplicationEvents;
import dev.ats.applications.rest.ApplicationView;
import dev.ats.applications.rest.ApplicationView.CandidateView;
import dev.ats.applications.rest.ApplicationView.ConsentView;
import dev.ats.applications.rest.ApplicationView.EligibilityView;
import dev.ats.applications.rest.HistoryEntry;
import dev.ats.applications.rest.SubmitApplicationRequest;
import dev.ats.applications.rest.TransitionRequest;
import dev.ats.platform.outbox.Outbox;
import dev.ats.web.error.ApiException;
import dev.ats.web.paging.Cursors;
import dev.ats.web.paging.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.PersistenceException;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.stream.Collectors;

/** Submissions, the hiring pipeline and candidate self-service. */
@ApplicationScoped
@Transactional
public class ApplicationService {

  public static final String CANDIDATE_ACTOR = "candidate";
  public static final String SYSTEM_ACTOR = "system";

  /** A response to send as is (also what an idempotent retry gets again). */
  public record SubmitResult(int status, String location, String body) {}

  private final ApplicationRepository applications;
  private final CandidateRepository candidates;
  private final RoleCopyRepository roles;
  private final IdempotencyKeys idempotencyKeys;
  private final Outbox outbox;
  private final ObjectMapper json;

  public ApplicationService(
      ApplicationRepository applications,
      CandidateRepository candidates,
      RoleCopyRepository roles,
      IdempotencyKeys idempotencyKeys,
      Outbox outbox,
      ObjectMapper json) {
    this.applications = applications;
    this.candidates = candidates;
    this.roles = roles;
    this.idempotencyKeys = idempotencyKeys;
    this.outbox = outbox;
    this.json = json;
  }

  /**
   * Submits an application. With an Idempotency-Key, a retry with the same body gets the original
   * response again (and nothing else happens); another body with the same key is a 422.
   *
   * @param collectionUri absolute URI of the applications collection, for the Location
   */
  public SubmitResult submit(
      SubmitApplicationRequest request,
      String idempotencyKey,
      String requestHash,
      String collectionUri) {
    if (idempotencyKey != null) {
      Optional<IdempotencyKeys.StoredResponse> replay =
          idempotencyKeys.claim(idempotencyKey, requestHash);
      if (replay.isPresent()) {
        return new SubmitResult(
            replay.get().status(), replay.get().location(), replay.get().body());
      }
    }
    RoleCopy role =
        roles
            .findByIdOptional(request.roleId())
            .orElseThrow(
                () ->
                    new ApiException(
                        404,
                        "role-not-found",
                        "Role not found",
                        "Role "
                            + request.roleId()
                            + " is not known to applications-service: it does not exist, or it"
                            + " was published so recently that it has not arrived yet"));
    Instant now = now();
    if (!"OPEN".equals(role.status)) {
      throw new ApiException(
          409,
          "role-not-open",
          "Role not open",
          "Role " + role.roleId + " is " + role.status + " and does not accept applications",
          Map.of("roleStatus", role.status));
    }
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
    EligibilityView eligibility = EligibilityEvaluator.evaluate(rulesOf(role), request.answers());

    SubmitApplicationRequest.CandidateDetails details = request.candidate();
    UUID candidateId =
        candidates.upsertByEmail(
            details.email().trim(),
            details.firstName().trim(),
            details.lastName().trim(),
            details.phone(),
            details.school(),
            details.degree(),
            details.graduationDate(),
            details.links() == null ? null : write(details.links()));
    if (applications.hasActiveApplication(candidateId, role.roleId)) {
      throw duplicate(details.email(), role.roleId);
    }
    Candidate candidate = candidates.findById(candidateId);
    boolean ineligible = eligibility.outcome() == EligibilityOutcome.INELIGIBLE;
    String token = AccessTokens.newToken();

    Application app = new Application();
    app.id = UUID.randomUUID();
    app.roleId = role.roleId;
    app.candidate = candidate;
    app.stage = ineligible ? Stage.REJECTED : Stage.SUBMITTED;
    app.rejectionReason = ineligible ? RejectionReason.INELIGIBLE : null;
    app.answers = request.answers() == null ? null : write(request.answers());
    app.eligibilityOutcome = eligibility.outcome();
    app.eligibilityRules = write(eligibility.rules());
    app.source = request.source();
    app.consentPolicyVersion = request.consent().privacyPolicyVersion();
    app.consentAcceptedAt = now;
    app.accessTokenHash = AccessTokens.sha256(token);
    app.version = 1;
    app.submittedAt = now;
    app.updatedAt = now;
    applications.persist(app);
    record(app, null, Stage.SUBMITTED, null, null, CANDIDATE_ACTOR, now);

    outbox.add(
        TOPIC,
        ApplicationEvents.SUBMITTED,
        app.id.toString(),
        new ApplicationEvents.Submitted(
            app.id,
            role.roleId,
            role.title,
            candidate.id,
            new ApplicationEvents.CandidateSummary(
                candidate.email, candidate.firstName, candidate.lastName),
            app.stage,
            eligibility,
            app.source,
            now,
            app.version));
    if (ineligible) {
      // Accepted, then immediately rejected: the submitted event already says REJECTED, and the
      // rejected event tells the candidate why.
      record(app, Stage.SUBMITTED, Stage.REJECTED, "INELIGIBLE", null, SYSTEM_ACTOR, now);
      outbox.add(
          TOPIC,
          ApplicationEvents.REJECTED,
          app.id.toString(),
          new ApplicationEvents.Rejected(
              app.id,
              role.roleId,
              candidate.id,
              RejectionReason.INELIGIBLE,
              EligibilityEvaluator.failedExplanations(eligibility),
              SYSTEM_ACTOR,
              app.version,
              now));
    }
    try {
      applications.flush();
    } catch (PersistenceException e) {
      if (String.valueOf(rootMessage(e)).contains("application_one_active_per_role")) {
        throw duplicate(details.email(), role.roleId);
      }
      throw e;
    }
    String body = write(toView(app).withAccessToken(token));
    String location = collectionUri + "/" + app.id;
    if (idempotencyKey != null) {
      idempotencyKeys.complete(idempotencyKey, app.id, 201, location, body);
    }
    return new SubmitResult(201, location, body);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public ApplicationView get(UUID id) {
    return toView(applications.findByIdOptional(id).orElseThrow(() -> notFound(id)));
  }

  /**
   * The application, for a candidate presenting its access token. A wrong token is answered exactly
   * like an unknown id (404), so a token never reveals whether another application exists.
   */
  @Transactional(Transactional.TxType.SUPPORTS)
  public ApplicationView getWithToken(UUID id, String token) {
    return toView(authorised(applications.findByIdOptional(id), id, token));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<ApplicationView> list(
      ApplicationRepository.Filter filter, String cursor, Integer limit) {
    int size = Cursors.limit(limit);
    List<String> after = Cursors.decode(cursor, 2);
    Instant afterSubmittedAt = null;
    UUID afterId = null;
    if (after != null) {
      try {
        afterSubmittedAt = Instant.parse(after.get(0));
        afterId = UUID.fromString(after.get(1));
      } catch (DateTimeParseException | IllegalArgumentException e) {
        throw ApiException.badRequest("cursor is not one that this list returned");
      }
    }
    List<Application> rows = applications.page(filter, afterSubmittedAt, afterId, size + 1);
    // One query for the page's candidates instead of one lazy load per batch of rows.
    List<UUID> candidateIds = rows.stream().map(a -> a.candidate.id).distinct().toList();
    if (!candidateIds.isEmpty()) {
      candidates.list("id in ?1", candidateIds);
    }
    return Page.of(rows, size, this::toView, a -> Cursors.encode(a.submittedAt, a.id));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<HistoryEntry> history(UUID id) {
    if (applications.findByIdOptional(id).isEmpty()) {
      throw notFound(id);
    }
    List<HistoryEntry> entries =
        StageChange.<StageChange>list("applicationId = ?1 order by id", id).stream()
            .map(
                c ->
                    new HistoryEntry(
                        c.fromStage, c.toStage, c.reason, c.note, c.actor, c.version, c.changedAt))
            .toList();
    return new Page<>(entries, null);
  }

  /**
   * Moves an application to another stage, if {@code expectedVersion} is still its version. HIRED
   * takes one of the role's openings atomically; REJECTED needs a reason from the fixed list.
   */
  public ApplicationView transition(
      UUID id, Long expectedVersion, TransitionRequest request, String actor) {
    Application app = applications.findForUpdate(id).orElseThrow(() -> notFound(id));
    if (expectedVersion != null && app.version != expectedVersion) {
      throw ApiException.preconditionFailed(
          "Application "
              + id
              + " is at version "
              + app.version
              + ", not "
              + expectedVersion
              + "; read it again and retry");
    }
    Stage to = request.to();
    requireAllowed(app, to);
    switch (to) {
      case REJECTED -> {
        RejectionReason reason = rejectionReason(request.reason());
        reject(app, reason, null, request.note(), actor);
      }
      case HIRED -> {
        if (roles.findByIdOptional(app.roleId).isEmpty()) {
          throw ApiException.conflict(
              "Role " + app.roleId + " is not known to applications-service; cannot hire");
        }
        if (!roles.takeOpening(app.roleId)) {
          throw new ApiException(
              409,
              "no-opening-left",
              "No opening left",
              "Role " + app.roleId + " has no opening left: every opening is already filled");
        }
        change(app, Stage.HIRED, request.reason(), request.note(), actor);
        outbox.add(
            TOPIC,
            ApplicationEvents.HIRED,
            app.id.toString(),
            new ApplicationEvents.Hired(
                app.id, app.roleId, app.candidate.id, actor, app.version, app.updatedAt));
      }
      case WITHDRAWN -> withdraw(app, "RECRUITER", request.reason(), request.note(), actor);
      default -> change(app, to, request.reason(), request.note(), actor);
    }
    return toView(app);
  }

  /** The candidate withdraws their application, presenting its access token. */
  public ApplicationView withdrawByCandidate(UUID id, String token) {
    Application app = authorised(applications.findForUpdate(id), id, token);
    requireAllowed(app, Stage.WITHDRAWN);
    withdraw(app, "CANDIDATE", null, null, CANDIDATE_ACTOR);
    return toView(app);
  }

  /** A recruiter withdraws an application (e.g. the candidate asked by mail). */
  public ApplicationView withdrawByRecruiter(UUID id, Long expectedVersion, String actor) {
    Application app = applications.findForUpdate(id).orElseThrow(() -> notFound(id));
    if (expectedVersion != null && app.version != expectedVersion) {
      throw ApiException.preconditionFailed(
          "Application " + id + " is at version " + app.version + ", not " + expectedVersion);
    }
    requireAllowed(app, Stage.WITHDRAWN);
    withdraw(app, "RECRUITER", null, null, actor);
    return toView(app);
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
      reject(app, RejectionReason.POSITION_FILLED, null, null, SYSTEM_ACTOR);
    }
    return active.size();
  }

  // --- internals ------------------------------------------------------------------------------

  private void reject(
      Application app, RejectionReason reason, String explanation, String note, String actor) {
    app.rejectionReason = reason;
    change(app, Stage.REJECTED, reason.name(), note, actor);
    outbox.add(
        TOPIC,
        ApplicationEvents.REJECTED,
        app.id.toString(),
        new ApplicationEvents.Rejected(
            app.id,
            app.roleId,
            app.candidate.id,
            reason,
            explanation,
            actor,
            app.version,
            app.updatedAt));
  }

  private void withdraw(Application app, String by, String reason, String note, String actor) {
    change(app, Stage.WITHDRAWN, reason, note, actor);
    outbox.add(
        TOPIC,
        ApplicationEvents.WITHDRAWN,
        app.id.toString(),
        new ApplicationEvents.Withdrawn(
            app.id, app.roleId, app.candidate.id, by, app.version, app.updatedAt));
  }

  /** The stage change itself: new version, a history entry and the stage-changed event. */
  private void change(Application app, Stage to, String reason, String note, String actor) {
    Stage from = app.stage;
    Instant now = now();
    app.stage = to;
    app.version++;
    app.updatedAt = now;
    record(app, from, to, reason, note, actor, now);
    outbox.add(
        TOPIC,
        ApplicationEvents.STAGE_CHANGED,
        app.id.toString(),
        new ApplicationEvents.StageChanged(
            app.id, app.roleId, app.candidate.id, from, to, reason, actor, app.version, now));
  }

  private void record(
      Application app, Stage from, Stage to, String reason, String note, String actor, Instant at) {
    StageChange change = new StageChange();
    change.applicationId = app.id;
    change.fromStage = from;
    change.toStage = to;
    change.reason = reason;
    change.note = note;
    change.actor = actor;
    change.version = app.version;
    change.changedAt = at;
    change.persist();
  }

  private static void requireAllowed(Application app, Stage to) {
    List<Stage> allowed = app.stage.allowedTargets();
    if (!allowed.contains(to)) {
      throw new ApiException(
          409,
          "illegal-transition",
          "Illegal transition",
          "An application in stage "
              + app.stage
              + " cannot move to "
              + to
              + (allowed.isEmpty()
                  ? "; " + app.stage + " is final"
                  : "; allowed: "
                      + allowed.stream().map(Enum::name).collect(Collectors.joining(", "))),
          Map.of("stage", app.stage.name(), "allowed", allowed.stream().map(Enum::name).toList()));
    }
  }

  private static RejectionReason rejectionReason(String reason) {
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

  private static Application authorised(Optional<Application> found, UUID id, String token) {
    Application app = found.orElse(null);
    byte[] stored = app == null ? new byte[32] : app.accessTokenHash;
    boolean matches = AccessTokens.matches(token, stored);
    if (app == null || !matches) {
      throw notFound(id);
    }
    return app;
  }

  private List<EligibilityEvaluator.Rule> rulesOf(RoleCopy role) {
    try {
      return json.readValue(
          role.eligibilityRules == null ? "[]" : role.eligibilityRules,
          new TypeReference<List<EligibilityEvaluator.Rule>>() {});
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("role " + role.roleId + " has unreadable rules", e);
    }
  }

  ApplicationView toView(Application app) {
    Candidate c = app.candidate;
    return new ApplicationView(
        app.id,
        app.roleId,
        c.id,
        new CandidateView(
            c.email,
            c.firstName,
            c.lastName,
            c.phone,
            c.school,
            c.degree,
            c.graduationDate,
            c.links == null ? null : read(c.links, new TypeReference<List<String>>() {}),
            c.erasedAt != null),
        app.stage,
        new EligibilityView(
            app.eligibilityOutcome,
            read(app.eligibilityRules, new TypeReference<List<ApplicationView.RuleResult>>() {})),
        app.rejectionReason,
        app.answers == null ? null : read(app.answers, new TypeReference<JsonNode>() {}),
        app.source,
        new ConsentView(app.consentPolicyVersion, app.consentAcceptedAt),
        app.version,
        app.submittedAt,
        app.updatedAt,
        null);
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private <T> T read(String value, TypeReference<T> type) {
    try {
      return json.readValue(value, type);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static ApiException duplicate(String email, UUID roleId) {
    return new ApiException(
        409,
        "duplicate-application",
        "Duplicate application",
        email + " already has an active application to role " + roleId);
  }

  static ApiException notFound(UUID id) {
    return ApiException.notFound("Application", id);
  }

  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null && t.getCause() != t) {
      t = t.getCause();
    }
    return t.getMessage();
  }

  /** PostgreSQL keeps microseconds: truncating keeps cursors exact. */
  static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** A PostgreSQL array literal of uuids, for {@code = any(cast(:ids as uuid[]))}. */
  static String uuidArray(Collection<UUID> ids) {
    return ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
  }
}
