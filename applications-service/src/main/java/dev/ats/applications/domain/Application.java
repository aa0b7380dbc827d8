package dev.ats.applications.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.JoinColumn;
import jakarta.persistence.ManyToOne;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;
import org.hibernate.annotations.ColumnTransformer;

/**
 * A candidate's application to one role. {@link #version} is managed by the service (it starts at 1
 * and grows by one with every stage change); writers lock the row, so it never goes backwards.
 */
@Entity
@Table(name = "application")
public class Application extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "role_id")
  public UUID roleId;

  @ManyToOne(fetch = FetchType.LAZY, optional = false)
  @JoinColumn(name = "candidate_id")
  public Candidate candidate;

  @Enumerated(EnumType.STRING)
  public Stage stage;

  /** JSON object: rule id → answer. Null after erasure. */
  @Column(columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String answers;

  @Enumerated(EnumType.STRING)
  @Column(name = "eligibility_outcome")
  public EligibilityOutcome eligibilityOutcome;

  /** JSON array of {ruleId, passed, explanation}. */
  @Column(name = "eligibility_rules", columnDefinition = "jsonb")
  @ColumnTransformer(write = "?::jsonb")
  public String eligibilityRules;

  public String source;

  @Column(name = "consent_policy_version")
  public String consentPolicyVersion;

  @Column(name = "consent_accepted_at")
  public Instant consentAcceptedAt;

  @Enumerated(EnumType.STRING)
  @Column(name = "rejection_reason")
  public RejectionReason rejectionReason;

  /** SHA-256 of the candidate's access token; the token itself is never stored. */
  @Column(name = "access_token_hash")
  public byte[] accessTokenHash;

  public long version;

  @Column(name = "submitted_at")
  public Instant submittedAt;

  @Column(name = "updated_at")
  public Instant updatedAt;
}
