package dev.ats.roles.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A hire that filled no opening: its role is unknown here, or had no opening left (typically
 * because applications-service's copy of the role lagged behind a change that lowered its
 * openings). Kept once per application for a recruiter to resolve.
 */
@Entity
@Table(name = "unplaced_hire")
public class UnplacedHire extends PanacheEntityBase {

  @Schema(name = "UnplacedHireReason")
  public enum Reason {
    UNKNOWN_ROLE,
    NO_OPENING_LEFT
  }

  @Id
  @Column(name = "application_id")
  public UUID applicationId;

  @Column(name = "role_id", nullable = false)
  public UUID roleId;

  @Column(name = "event_id", nullable = false)
  public String eventId;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Reason reason;

  @Column(name = "hired_at")
  public Instant hiredAt;

  /** When this service received the hire (the API's {@code receivedAt}). */
  @Column(name = "recorded_at", nullable = false)
  public Instant recordedAt;

  public static UnplacedHire of(
      UUID applicationId,
      UUID roleId,
      String eventId,
      Reason reason,
      Instant hiredAt,
      Instant recordedAt) {
    UnplacedHire hire = new UnplacedHire();
    hire.applicationId = applicationId;
    hire.roleId = roleId;
    hire.eventId = eventId;
    hire.reason = reason;
    hire.hiredAt = hiredAt;
    hire.recordedAt = recordedAt;
    return hire;
  }
}
