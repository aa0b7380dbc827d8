package dev.ats.notifications.rest;

import dev.ats.notifications.domain.NotificationStatus;
import dev.ats.notifications.domain.NotificationType;
import dev.ats.notifications.service.NotificationQueryService;
import dev.ats.notifications.service.StoredNotification;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A notification with its rendered message and every delivery attempt. */
@Schema(name = "NotificationDetail")
public record NotificationDetail(
    @Schema(example = "3f0c1b8e-5a4e-4c55-9a53-1f2f0d0f7c11") UUID id,
    @Schema(example = "0b7e4a1c-2f3d-4e5f-8a9b-0c1d2e3f4a5b") UUID applicationId,
    @Schema(example = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d") UUID candidateId,
    @Schema(example = "5d6e7f80-1a2b-4c3d-8e4f-5a6b7c8d9e0f") UUID roleId,
    @Schema(
            description = "The candidate's email address; null after the candidate was erased",
            example = "ada@example.com",
            nullable = true)
        String recipient,
    @Schema(example = "APPLICATION_RECEIVED") NotificationType type,
    @Schema(example = "SENT") NotificationStatus status,
    @Schema(
            description =
                "The id of the event that caused it (respond-by:<application id> for status"
                    + " updates)",
            example = "e1f2a3b4-c5d6-4e7f-8a9b-0c1d2e3f4a5b")
        String eventId,
    @Schema(example = "dev.ats.application.submitted.v1") String eventType,
    @Schema(example = "We received your application for Software Engineer - Intern") String subject,
    @Schema(
            description = "Plain-text body; null after the candidate was erased",
            example = "Hi Ada,\n\nThank you for applying for Software Engineer - Intern. ...",
            nullable = true)
        String bodyText,
    @Schema(
            description = "HTML body; null after the candidate was erased",
            example = "<!DOCTYPE html><html>...<p>Hi Ada,</p>...</html>",
            nullable = true)
        String bodyHtml,
    @Schema(description = "Delivery attempts since it was last queued", example = "1") int attempts,
    @Schema(description = "When the sender tries next (PENDING only)", nullable = true)
        Instant nextAttemptAt,
    @Schema(
            description = "The last delivery error; null if none failed",
            example = "ConnectException: Connection refused",
            nullable = true)
        String lastError,
    @Schema(example = "2026-11-27T14:05:00Z") Instant createdAt,
    @Schema(
            description = "When it was sent; null until then",
            example = "2026-11-27T14:05:01Z",
            nullable = true)
        Instant sentAt,
    @Schema(
            description = "When the candidate's personal data was purged from it; null if not",
            nullable = true)
        Instant erasedAt,
    List<Attempt> deliveryAttempts) {

  static NotificationDetail of(NotificationQueryService.Detail detail) {
    StoredNotification n = detail.notification();
    return new NotificationDetail(
        n.id(),
        n.applicationId(),
        n.candidateId(),
        n.roleId(),
        n.recipient(),
        n.type(),
        n.status(),
        n.eventId(),
        n.eventType(),
        n.subject(),
        n.bodyText(),
        n.bodyHtml(),
        n.attempts(),
        n.nextAttemptAt(),
        n.lastError(),
        n.createdAt(),
        n.sentAt(),
        n.erasedAt(),
        detail.attempts().stream()
            .map(a -> new Attempt(a.attemptedAt(), a.outcome(), a.error()))
            .toList());
  }

  /** One try to hand the message to the SMTP server. */
  @Schema(name = "DeliveryAttempt")
  public record Attempt(
      @Schema(example = "2026-11-27T14:05:01Z") Instant attemptedAt,
      @Schema(
              enumeration = {"SENT", "FAILED"},
              example = "SENT")
          String outcome,
      @Schema(
              description = "Why it failed; null when SENT",
              example = "ConnectException: Connection refused",
              nullable = true)
          String error) {}
}
