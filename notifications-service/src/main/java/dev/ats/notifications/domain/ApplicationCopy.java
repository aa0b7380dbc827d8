package dev.ats.notifications.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** What this service keeps of an application, learnt from applications.events. */
@Entity
@Table(name = "application_copy")
public class ApplicationCopy extends PanacheEntityBase {

  @Id
  @Column(name = "application_id")
  public UUID applicationId;

  @Column(name = "role_id")
  public UUID roleId;

  @Column(name = "role_title")
  public String roleTitle;

  @Column(name = "candidate_id")
  public UUID candidateId;

  @Column(name = "candidate_email")
  public String candidateEmail;

  @Column(name = "candidate_first_name")
  public String candidateFirstName;

  @Column(name = "eligibility_outcome")
  public String eligibilityOutcome;

  /** HIRED, REJECTED or WITHDRAWN; null while undecided. */
  public String decision;

  public boolean erased;

  @Column(name = "submitted_at")
  public Instant submittedAt;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
