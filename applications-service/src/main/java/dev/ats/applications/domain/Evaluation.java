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

/** A scorecard: an overall rating 1–4, per-criterion ratings and comments. */
@Entity
@Table(name = "evaluation")
public class Evaluation extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "application_id")
  public UUID applicationId;

  public String author;

  @Column(name = "overall_rating")
  public int overallRating;

  @JdbcTypeCode(SqlTypes.JSON)
  public List<CriterionRating> criteria;

  public String comments;

  @Column(name = "submitted_at")
  public Instant submittedAt;
}
