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

/** A hire that filled no opening: its role is unknown here, or had no opening left. */
@Entity
@Table(name = "unplaced_hire")
public class UnplacedHire extends PanacheEntityBase {

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

  @Column(name = "recorded_at", nullable = false)
  public Instant recordedAt;
}
