package dev.ats.platform.outbox;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.GeneratedValue;
import jakarta.persistence.GenerationType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/** An event waiting in the outbox (or already published: {@code publishedAt} is set). */
@Entity
@Table(name = "outbox_event")
public class OutboxEvent extends PanacheEntityBase {

  @Id
  @GeneratedValue(strategy = GenerationType.IDENTITY)
  public Long seq;

  @Column(name = "event_id", nullable = false, unique = true)
  public UUID eventId;

  @Column(nullable = false)
  public String topic;

  @Column(name = "event_key", nullable = false)
  public String key;

  @Column(nullable = false)
  public String type;

  @Column(nullable = false)
  public String source;

  @Column(nullable = false)
  public String subject;

  @Column(name = "occurred_at", nullable = false)
  public Instant occurredAt;

  @Column(nullable = false, columnDefinition = "text")
  public String payload;

  @Column(name = "published_at")
  public Instant publishedAt;

  public int attempts;

  @Column(name = "last_error", columnDefinition = "text")
  public String lastError;

  /** The W3C traceparent of the writing transaction, or null (see TraceContext). */
  public String traceparent;
}
