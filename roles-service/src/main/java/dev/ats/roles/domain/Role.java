package dev.ats.roles.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import jakarta.persistence.Version;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/** A role (job opening). Only the service layer sees it; the API shows {@code RoleSnapshot}. */
@Entity
@Table(name = "role")
public class Role extends PanacheEntityBase {

  @Id public UUID id;

  @Column(nullable = false)
  public String title;

  @Column(nullable = false)
  public String team;

  @Column(nullable = false, columnDefinition = "text")
  public String description;

  @Column(nullable = false)
  public String location;

  @Enumerated(EnumType.STRING)
  @Column(name = "workplace_type", nullable = false)
  public WorkplaceType workplaceType;

  @Enumerated(EnumType.STRING)
  @Column(name = "employment_type", nullable = false)
  public EmploymentType employmentType;

  @Column(name = "duration_weeks")
  public Integer durationWeeks;

  @Column(nullable = false)
  public int openings;

  @Column(name = "openings_filled", nullable = false)
  public int openingsFilled;

  @Column(name = "application_deadline")
  public Instant applicationDeadline;

  @Column(name = "respond_by")
  public LocalDate respondBy;

  /** The eligibility rules as a JSON array (jsonb). */
  @Column(name = "eligibility_rules", nullable = false, columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String eligibilityRules;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public RoleStatus status;

  @Column(name = "status_reason", columnDefinition = "text")
  public String statusReason;

  @Version
  @Column(nullable = false)
  public long version;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;

  public int openOpenings() {
    return openings - openingsFilled;
  }
}
