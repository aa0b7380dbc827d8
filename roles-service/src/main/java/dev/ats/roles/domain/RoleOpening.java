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

/** One opening of a role: OPEN, or FILLED by exactly one application. */
@Entity
@Table(name = "role_opening")
public class RoleOpening extends PanacheEntityBase {

  public enum Status {
    OPEN,
    FILLED
  }

  @Id public UUID id;

  @Column(name = "role_id", nullable = false)
  public UUID roleId;

  @Column(nullable = false)
  public int number;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public Status status;

  @Column(name = "filled_by_application_id", unique = true)
  public UUID filledByApplicationId;

  @Column(name = "filled_at")
  public Instant filledAt;

  public static RoleOpening open(UUID roleId, int number) {
    RoleOpening opening = new RoleOpening();
    opening.id = UUID.randomUUID();
    opening.roleId = roleId;
    opening.number = number;
    opening.status = Status.OPEN;
    return opening;
  }

  public void fill(UUID applicationId, Instant at) {
    status = Status.FILLED;
    filledByApplicationId = applicationId;
    filledAt = at;
  }
}
