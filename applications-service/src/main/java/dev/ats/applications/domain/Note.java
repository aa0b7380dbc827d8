package dev.ats.applications.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** A recruiter's or hiring manager's note on an application. */
@Entity
@Table(name = "note")
public class Note extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "application_id")
  public UUID applicationId;

  public String author;
  public String body;

  @Column(name = "created_at")
  public Instant createdAt;
}
