package dev.ats.applications.domain;

import com.fasterxml.jackson.databind.JsonNode;
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
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.hibernate.annotations.JdbcTypeCode;
import org.hibernate.type.SqlTypes;

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

  /** Rule id → answer. Null after erasure. */
  @JdbcTypeCode(SqlTypes.JSON)
  public Map<String, JsonNode> answers;

  @Enumerated(EnumType.STRING)
  @Column(name = "eligibility_outcome")
  public EligibilityOutcome eligibilityOutcome;

  /** One outcome per rule of the role, in the role's order. */
  @JdbcTypeCode(SqlTypes.JSON)
  @Column(name = "eligibility_rules")
  public List<RuleOutcome> eligibilityRules;

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
