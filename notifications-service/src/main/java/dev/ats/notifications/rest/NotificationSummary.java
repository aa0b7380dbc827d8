package dev.ats.notifications.rest;

import dev.ats.notifications.domain.NotificationStatus;
import dev.ats.notifications.domain.NotificationType;
import dev.ats.notifications.service.StoredNotification;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A notification in a list. */
@Schema(name = "NotificationSummary")
public record NotificationSummary(
    @Schema(example = "3f0c1b8e-5a4e-4c55-9a53-1f2f0d0f7c11") UUID id,
    @Schema(example = "0b7e4a1c-2f3d-4e5f-8a9b-0c1d2e3f4a5b") UUID applicationId,
    @Schema(example = "9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d") UUID candidateId,
    @Schema(
            description = "The candidate's email address; null after the candidate was erased",
            example = "ada@example.com",
            nullable = true)
        String recipient,
    @Schema(example = "APPLICATION_RECEIVED") NotificationType type,
    @Schema(example = "SENT") NotificationStatus status,
    @Schema(example = "We received your application for Software Engineer - Intern") String subject,
    @Schema(description = "Delivery attempts since it was last queued", example = "1") int attempts,
    @Schema(example = "2026-11-27T14:05:00Z") Instant createdAt,
    @Schema(
            description = "When it was sent; null until then",
            example = "2026-11-27T14:05:01Z",
            nullable = true)
        Instant sentAt) {

  static NotificationSummary of(StoredNotification n) {
    return new NotificationSummary(
        n.id(),
        n.applicationId(),
        n.candidateId(),
        n.recipient(),
        n.type(),
        n.status(),
        n.subject(),
        n.attempts(),
        n.createdAt(),
        n.sentAt());
  }
}
