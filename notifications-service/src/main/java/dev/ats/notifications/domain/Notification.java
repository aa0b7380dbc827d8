package dev.ats.notifications.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** One message to one candidate, rendered when it was written and delivered later. */
@Entity
@Table(name = "notification")
public class Notification extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "event_id", nullable = false)
  public String eventId;

  @Column(name = "event_type", nullable = false)
  public String eventType;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public NotificationType type;

  @Column(name = "application_id")
  public UUID applicationId;

  @Column(name = "candidate_id")
  public UUID candidateId;

  @Column(name = "role_id")
  public UUID roleId;

  public String recipient;

  public String subject;

  @Column(name = "body_text")
  public String bodyText;

  @Column(name = "body_html")
  public String bodyHtml;

  @Enumerated(EnumType.STRING)
  @Column(nullable = false)
  public NotificationStatus status;

  public int attempts;

  @Column(name = "next_attempt_at")
  public Instant nextAttemptAt;

  @Column(name = "last_error")
  public String lastError;

  @Column(name = "created_at", nullable = false)
  public Instant createdAt;

  @Column(name = "sent_at")
  public Instant sentAt;

  @Column(name = "erased_at")
  public Instant erasedAt;

  /** The W3C traceparent it was written under (null: not traced); its send continues that trace. */
  public String traceparent;
}
