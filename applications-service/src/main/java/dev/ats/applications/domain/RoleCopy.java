package dev.ats.applications.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

/**
 * This service's copy of a role, built from roles-service's events. roles-service is the one
 * authority of headcount: {@link #openings} and {@link #openingsFilled} are its numbers as last
 * published; this service keeps no count of hires of its own (a hire is checked against the
 * openings by counting the role's HIRED applications, see RoleCopyRepository).
 */
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

  /** As roles-service last published it; informative only. */
  @Column(name = "openings_filled")
  public int openingsFilled;

  /** Applications are accepted strictly before this instant (null: no deadline). */
  @Column(name = "application_deadline")
  public Instant applicationDeadline;

  @Column(name = "respond_by")
  public String respondBy;

  /** The role's eligibility rules, as roles-service published them. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "eligibility_rules")
  public List<EligibilityRule> eligibilityRules;

  /**
   * Whether a submission must attach a RESUME document (false when the role's events do not say).
   */
  @Column(name = "resume_required")
  public boolean resumeRequired;

  public long version;

  @Column(name = "updated_at")
  public Instant updatedAt;
}
