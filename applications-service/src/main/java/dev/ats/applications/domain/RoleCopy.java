package dev.ats.applications.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** This service's copy of a role, built from roles-service's events (see RoleCopyRepository). */
@Entity
@Table(name = "role_copy")
public class RoleCopy extends PanacheEntityBase {

  @Id
  @Column(name = "role_id")
  public UUID roleId;

  public String title;

  /** DRAFT, OPEN, CLOSED, FILLED, … as roles-service names them. */
  public String status;

  public int openings;

  @Column(name = "openings_filled")
  public int openingsFilled;

  /** Hires recorded by this service; never above {@link #openings}. */
  @Column(name = "hired_count")
  public int hiredCount;

  /** Applications are accepted strictly before this instant (null: no deadline). */
  @Column(name = "application_deadline")
  public Instant applicationDeadline;

  @Column(name = "respond_by")
  public String respondBy;

  /** The role's eligibility rules, as the JSON array roles-service published. */
  @Column(name = "eligibility_rules", columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String eligibilityRules;

  public long version;

  @Column(name = "updated_at")
  public Instant updatedAt;
}
