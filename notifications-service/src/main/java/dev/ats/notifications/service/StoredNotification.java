package dev.ats.notifications.service;

import dev.ats.notifications.domain.DeliveryAttempt;
import dev.ats.notifications.domain.Notification;
import dev.ats.notifications.domain.NotificationStatus;
import dev.ats.notifications.domain.NotificationType;
import java.time.Instant;
import java.util.UUID;

/**
 * A notification as {@link NotificationQueryService} reads it: every column of the row, as values
 * (the entity stays in the service layer). {@code recipient}, {@code bodyText}, {@code bodyHtml}
 * and {@code lastError} are null once the candidate was erased.
 */
public record StoredNotification(
    UUID id,
    UUID applicationId,
    UUID candidateId,
    UUID roleId,
    String recipient,
    NotificationType type,
    NotificationStatus status,
    String eventId,
    String eventType,
    String subject,
    String bodyText,
    String bodyHtml,
    int attempts,
    Instant nextAttemptAt,
    String lastError,
    Instant createdAt,
    Instant sentAt,
    Instant erasedAt) {

  static StoredNotification of(Notification n) {
    return new StoredNotification(
        n.id,
        n.applicationId,
        n.candidateId,
        n.roleId,
        n.recipient,
        n.type,
        n.status,
        n.eventId,
        n.eventType,
        n.subject,
        n.bodyText,
        n.bodyHtml,
        n.attempts,
        n.nextAttemptAt,
        n.lastError,
        n.createdAt,
        n.sentAt,
        n.erasedAt);
  }

  /** One try to hand the message to the SMTP server: {@code outcome} SENT or FAILED. */
  public record Attempt(Instant attemptedAt, String outcome, String error) {

    static Attempt of(DeliveryAttempt a) {
      return new Attempt(a.attemptedAt, a.outcome, a.error);
    }
  }
}
