package dev.ats.notifications.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One try to hand a notification to the SMTP server, successful or not. */
@Entity
@Table(name = "delivery_attempt")
public class DeliveryAttempt extends PanacheEntityBase {

  public static final String SENT = "SENT";
  public static final String FAILED = "FAILED";

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long id;

  @Column(name = "notification_id", nullable = false)
  public UUID notificationId;

  @Column(name = "attempted_at", nullable = false)
  public Instant attemptedAt;

  @Column(nullable = false)
  public String outcome;

  public String error;
}
