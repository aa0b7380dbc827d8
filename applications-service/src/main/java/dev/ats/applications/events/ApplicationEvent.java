package dev.ats.applications.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import dev.ats.applications.domain.DocumentKind;
import dev.ats.applications.domain.EligibilityOutcome;
import dev.ats.applications.domain.RejectionReason;
import dev.ats.applications.domain.Stage;
import dev.ats.platform.events.EventTypes;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * The events applications-service publishes on {@code applications.events}, one record per type,
 * exactly as CONTRIBUTING.md and {@code docs/events/<type>.json} describe them. These are the event
 * contract: they are never REST bodies nor stored columns, so neither can change it by accident.
 *
 * <p>The events of one change share the version the application has after it and come in this order
 * (one Kafka key, one partition): {@code stage-changed} then {@code hired}, {@code rejected} or
 * {@code withdrawn}; an ineligible submission is {@code submitted} (stage REJECTED) then {@code
 * rejected}, both at version 1.
 */
public sealed interface ApplicationEvent {

  /** The CloudEvent type, from {@link EventTypes}. */
  @JsonIgnore
  String type();

  /** The CloudEvent subject and Kafka key: the application id (candidate id when erased). */
  @JsonIgnore
  String subject();

  /** An event about one application: keyed by the application id. */
  sealed interface OfApplication extends ApplicationEvent {

    UUID applicationId();

    @Override
    default String subject() {
      return applicationId().toString();
    }
  }

  record CandidateSummary(String email, String firstName, String lastName) {}

  record Eligibility(EligibilityOutcome outcome, List<RuleResult> rules) {}

  record RuleResult(String ruleId, boolean passed, String explanation) {}

  record Submitted(
      UUID applicationId,
      UUID roleId,
      String roleTitle,
      UUID candidateId,
      CandidateSummary candidate,
      Stage stage,
      Eligibility eligibility,
      String source,
      Instant submittedAt,
      long version,
      List<DocumentSummary> documents)
      implements OfApplication {

    @Override
    public String type() {
      return EventTypes.APPLICATION_SUBMITTED;
    }
  }

  record StageChanged(
      UUID applicationId,
      UUID roleId,
      UUID candidateId,
      Stage from,
      Stage to,
      String reason,
      String actor,
      long version,
      Instant changedAt)
      implements OfApplication {

    @Override
    public String type() {
      return EventTypes.APPLICATION_STAGE_CHANGED;
    }
  }

  record Hired(
      UUID applicationId,
      UUID roleId,
      UUID candidateId,
      String actor,
      long version,
      Instant hiredAt)
      implements OfApplication {

    @Override
    public String type() {
      return EventTypes.APPLICATION_HIRED;
    }
  }

  record Rejected(
      UUID applicationId,
      UUID roleId,
      UUID candidateId,
      RejectionReason reason,
      String explanation,
      String actor,
      long version,
      Instant rejectedAt)
      implements OfApplication {

    @Override
    public String type() {
      return EventTypes.APPLICATION_REJECTED;
    }
  }

  /** {@code by}: CANDIDATE or RECRUITER. */
  record Withdrawn(
      UUID applicationId,
      UUID roleId,
      UUID candidateId,
      String by,
      long version,
      Instant withdrawnAt)
      implements OfApplication {

    @Override
    public String type() {
      return EventTypes.APPLICATION_WITHDRAWN;
    }
  }

  record EvaluationSubmitted(
      UUID applicationId,
      UUID roleId,
      UUID evaluationId,
      String author,
      int overallRating,
      Instant submittedAt)
      implements OfApplication {

    @Override
    public String type() {
      return EventTypes.APPLICATION_EVALUATION_SUBMITTED;
    }
  }

  record CandidateErased(UUID candidateId, List<UUID> applicationIds, Instant erasedAt)
      implements ApplicationEvent {

    @Override
    public String type() {
      return EventTypes.CANDIDATE_ERASED;
    }

    @Override
    public String subject() {
      return candidateId.toString();
    }
  }

  /** A document attached to a submission: never its content or file name. */
  record DocumentSummary(UUID id, DocumentKind kind, String contentType, long sizeBytes) {}
}
