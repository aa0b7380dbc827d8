package dev.ats.applications.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One entry of an application's history: who moved it from where to where, when and why. */
@Entity
@Table(name = "stage_change")
public class StageChange extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "application_id")
  public UUID applicationId;

  @Enumerated(EnumType.STRING)
  @Column(name = "from_stage")
  public Stage fromStage;

  @Enumerated(EnumType.STRING)
  @Column(name = "to_stage")
  public Stage toStage;

  public String reason;
  public String note;
  public String actor;
  public long version;

  @Column(name = "changed_at")
  public Instant changedAt;
}
