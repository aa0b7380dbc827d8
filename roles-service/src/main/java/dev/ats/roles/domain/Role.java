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
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * A role (job opening). Only the service layer sees it; it hands out {@link RoleState} values,
 * which the API and the events map to their own records.
 */
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

  /** The eligibility rules, stored as a JSON array (jsonb). */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "eligibility_rules", nullable = false, columnDefinition = "jsonb")
  public List<EligibilityRule> eligibilityRules;

  /** Whether applications must attach a RESUME document (issue 13). */
  @Column(name = "resume_required", nullable = false)
  public boolean resumeRequired;

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

  /** A new DRAFT role with {@code details}, created at {@code now}; its openings rows are not. */
  public static Role draft(RoleDetails details, Instant now) {
    Role role = new Role();
    role.id = UUID.randomUUID();
    role.apply(details);
    role.status = RoleStatus.DRAFT;
    role.createdAt = now;
    role.updatedAt = now;
    return role;
  }

  /** Writes {@code details} over this role's writable fields. */
  public void apply(RoleDetails details) {
    title = details.title();
    team = details.team();
    description = details.description();
    location = details.location();
    workplaceType = details.workplaceType();
    employmentType = details.employmentType();
    durationWeeks = details.durationWeeks();
    openings = details.openings();
    applicationDeadline = details.applicationDeadline();
    respondBy = details.respondBy();
    eligibilityRules = details.eligibilityRules();
    resumeRequired = details.resumeRequired();
  }

  /** This role's writable fields. */
  public RoleDetails details() {
    return new RoleDetails(
        title,
        team,
        description,
        location,
        workplaceType,
        employmentType,
        durationWeeks,
        openings,
        applicationDeadline,
        respondBy,
        eligibilityRules,
        resumeRequired);
  }

  /** This role as it is now (flush first, for the version a change produces). */
  public RoleState state() {
    return new RoleState(id, details(), openingsFilled, status, version, createdAt, updatedAt);
  }

  /**
   * Moves this role to {@code to}, for {@code reason} (kept, not shown by the API).
   *
   * @return the status it had before
   */
  public RoleStatus moveTo(RoleStatus to, String reason, Instant now) {
    RoleStatus from = status;
    status = to;
    statusReason = reason;
    updatedAt = now;
    return from;
  }

  public int openOpenings() {
    return openings - openingsFilled;
  }
}
