package dev.ats.applications.messaging;

import dev.ats.applications.domain.RejectionReason;
import dev.ats.applications.domain.Stage;
import dev.ats.applications.rest.ApplicationView.EligibilityView;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The events applications-service publishes on {@value #TOPIC}, as in CONTRIBUTING.md; each has a
 * JSON Schema at {@code docs/events/<type>.json}. Key: the application id (candidate id for {@link
 * CandidateErased}).
 */
public final class ApplicationEvents {

  public static final String TOPIC = "applications.events";

  public static final String SUBMITTED = "dev.ats.application.submitted.v1";
  public static final String STAGE_CHANGED = "dev.ats.application.stage-changed.v1";
  public static final String HIRED = "dev.ats.application.hired.v1";
  public static final String REJECTED = "dev.ats.application.rejected.v1";
  public static final String WITHDRAWN = "dev.ats.application.withdrawn.v1";
  public static final String EVALUATION_SUBMITTED = "dev.ats.application.evaluation-submitted.v1";
  public static final String CANDIDATE_ERASED = "dev.ats.candidate.erased.v1";

  public static final List<String> TYPES =
      List.of(
          SUBMITTED,
          STAGE_CHANGED,
          HIRED,
          REJECTED,
          WITHDRAWN,
          EVALUATION_SUBMITTED,
          CANDIDATE_ERASED);

  private ApplicationEvents() {}

  public record CandidateSummary(String email, String firstName, String lastName) {}

  public record Submitted(
      UUID applicationId,
      UUID roleId,
      String roleTitle,
      UUID candidateId,
      CandidateSummary candidate,
      Stage stage,
      EligibilityView eligibility,
      String source,
      Instant submittedAt,
      long version) {}

  public record StageChanged(
      UUID applicationId,
      UUID roleId,
      UUID candidateId,
      Stage from,
      Stage to,
      String reason,
      String actor,
      long version,
      Instant changedAt) {}

  public record Hired(
      UUID applicationId,
      UUID roleId,
      UUID candidateId,
      String actor,
      long version,
      Instant hiredAt) {}

  public record Rejected(
      UUID applicationId,
      UUID roleId,
      UUID candidateId,
      RejectionReason reason,
      String explanation,
      String actor,
      long version,
      Instant rejectedAt) {}

  /** {@code by}: CANDIDATE or RECRUITER. */
  public record Withdrawn(
      UUID applicationId,
      UUID roleId,
      UUID candidateId,
      String by,
      long version,
      Instant withdrawnAt) {}

  public record EvaluationSubmitted(
      UUID applicationId,
      UUID roleId,
      UUID evaluationId,
      String author,
      int overallRating,
      Instant submittedAt) {}

  public record CandidateErased(UUID candidateId, List<UUID> applicationIds, Instant erasedAt) {}
}
