package dev.ats.notifications.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.time.LocalDate;
import java.util.UUID;

/**
 * What this service keeps of a role: its title and respond-by date, from the latest version of the
 * role it has seen (table {@code role_copy}).
 */
@Entity
@Table(name = "role_copy")
public class KnownRole extends PanacheEntityBase {

  /** The version of details made from an application.submitted event, before any role event. */
  public static final long FROM_APPLICATION = -1;

  @Id
  @Column(name = "role_id")
  public UUID roleId;

  public String title;

  @Column(name = "respond_by")
  public LocalDate respondBy;

  public long version;

  @Column(name = "updated_at", nullable = false)
  public Instant updatedAt;
}
