package dev.ats.notifications.events;

import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The events this service acts on, read from {@code applications.events} and {@code roles.events}
 * with only the fields it needs. {@code eventId} is the CloudEvent id, {@code eventType} its type
 * (one of {@link dev.ats.platform.events.EventTypes}).
 *
 * <p>{@link #kind()} names the record, so that a handler can {@code switch} over the sealed type
 * exhaustively on Java 17 (no pattern matching for switch yet): a switch expression over {@link
 * Kind} without {@code default} stops compiling when a kind is added and not handled. With Java 21
 * the switch can match the records themselves and {@code Kind} can go.
 */
public sealed interface InboundEvent {

  String eventId();

  String eventType();

  default Kind kind() {
    return Kind.of(this);
  }

  /**
   * One constant per record of this interface (InboundEventReaderTest checks that none is left
   * out).
   */
  enum Kind {
    SUBMITTED(ApplicationSubmitted.class),
    STAGE_CHANGED(StageChanged.class),
    HIRED(Hired.class),
    REJECTED(Rejected.class),
    WITHDRAWN(Withdrawn.class),
    CANDIDATE_ERASED(CandidateErased.class),
    ROLE_CHANGED(RoleChanged.class);

    private final Class<? extends InboundEvent> type;

    Kind(Class<? extends InboundEvent> type) {
      this.type = type;
    }

    /** The record class of this kind. */
    public Class<? extends InboundEvent> type() {
      return type;
    }

    static Kind of(InboundEvent event) {
      for (Kind kind : values()) {
        if (kind.type == event.getClass()) {
          return kind;
        }
      }
      throw new IllegalStateException("no Kind for " + event.getClass().getName());
    }
  }

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

  /** Any role event: the fields of the role snapshot that this service keeps. */
  record RoleChanged(
      String eventId,
      String eventType,
      UUID roleId,
      String title,
      LocalDate respondBy,
      long version)
      implements InboundEvent {}
}
