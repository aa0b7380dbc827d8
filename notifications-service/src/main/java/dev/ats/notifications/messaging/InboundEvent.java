package dev.ats.notifications.messaging;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The events this service acts on, read from {@code applications.events} and {@code roles.events}
 * with only the fields it needs. {@code eventId} is the CloudEvent id, {@code eventType} its type.
 */
public sealed interface InboundEvent {

  String eventId();

  String eventType();

  String APPLICATION_SUBMITTED = "dev.ats.application.submitted.v1";
  String APPLICATION_STAGE_CHANGED = "dev.ats.application.stage-changed.v1";
  String APPLICATION_HIRED = "dev.ats.application.hired.v1";
  String APPLICATION_REJECTED = "dev.ats.application.rejected.v1";
  String APPLICATION_WITHDRAWN = "dev.ats.application.withdrawn.v1";
  String CANDIDATE_ERASED = "dev.ats.candidate.erased.v1";
  String ROLE_PREFIX = "dev.ats.role.";

  record ApplicationSubmitted(
      String eventId,
      String eventType,
      UUID applicationId,
      UUID roleId,
      String roleTitle,
      UUID candidateId,
      String email,
      String firstName,
      String stage,
      String eligibilityOutcome)
      implements InboundEvent {}

  record StageChanged(String eventId, String eventType, UUID applicationId, String to)
      implements InboundEvent {}

  record Hired(String eventId, String eventType, UUID applicationId) implements InboundEvent {}

  /** {@code explanation}: the failed requirements for INELIGIBLE, otherwise what was given. */
  record Rejected(
      String eventId, String eventType, UUID applicationId, String reason, List<String> explanation)
      implements InboundEvent {}

  record Withdrawn(String eventId, String eventType, UUID applicationId, String by)
      implements InboundEvent {}

  record CandidateErased(
      String eventId, String eventType, UUID candidateId, List<UUID> applicationIds)
      implements InboundEvent {}

  /** Any {@code dev.ats.role.*.v1} event: the role snapshot's fields this service keeps. */
  record RoleChanged(
      String eventId,
      String eventType,
      UUID roleId,
      String title,
      LocalDate respondBy,
      long version)
      implements InboundEvent {}
}
