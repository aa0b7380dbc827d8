package dev.ats.notifications.service;

import dev.ats.notifications.domain.DeliveryAttempt;
import dev.ats.notifications.domain.Notification;
import dev.ats.notifications.domain.NotificationStatus;
import dev.ats.notifications.domain.NotificationType;
import dev.ats.notifications.rest.NotificationDetail;
import dev.ats.notifications.rest.NotificationSummary;
import dev.ats.web.error.ApiException;
import dev.ats.web.paging.Cursors;
import dev.ats.web.paging.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads notifications for the API and re-queues failed ones. */
@ApplicationScoped
@Transactional
public class NotificationQueryService {

  /** List filters; null means "any". */
  public record Filter(
      UUID applicationId,
      String candidateEmail,
      NotificationType type,
      NotificationStatus status) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<NotificationSummary> list(Filter filter, String cursor, Integer requestedLimit) {
    int limit = Cursors.limit(requestedLimit);
    List<String> conditions = new ArrayList<>();
    Map<String, Object> params = new HashMap<>();
    if (filter.applicationId() != null) {
      conditions.add("applicationId = :applicationId");
      params.put("applicationId", filter.applicationId());
    }
    if (filter.candidateEmail() != null && !filter.candidateEmail().isBlank()) {
      conditions.add("lower(recipient) = :email");
      params.put("email", filter.candidateEmail().strip().toLowerCase(java.util.Locale.ROOT));
    }
    if (filter.type() != null) {
      conditions.add("type = :type");
      params.put("type", filter.type());
    }
    if (filter.status() != null) {
      conditions.add("status = :status");
      params.put("status", filter.status());
    }
    List<String> after = Cursors.decode(cursor, 2);
    if (after != null) {
      Instant createdAt;
      UUID id;
      try {
        createdAt = Instant.parse(after.get(0));
        id = UUID.fromString(after.get(1));
      } catch (DateTimeParseException | IllegalArgumentException e) {
        throw ApiException.badRequest("cursor is not one that this list returned");
      }
      conditions.add(
          "(createdAt < :afterCreatedAt or (createdAt = :afterCreatedAt and id < :afterId))");
      params.put("afterCreatedAt", createdAt);
      params.put("afterId", id);
    }
    String query = conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
    List<Notification> rows =
        Notification.<Notification>find(
                query, Sort.descending("createdAt").and("id", Sort.Direction.Descending), params)
            .range(0, limit)
            .list();
    return Page.of(
        rows, limit, NotificationQueryService::summary, n -> Cursors.encode(n.createdAt, n.id));
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public NotificationDetail get(UUID id) {
    return detail(find(id));
  }

  /** Queues a FAILED notification again, with a fresh set of attempts. */
  public NotificationDetail retry(UUID id) {
    Notification notification =
        Notification.findById(id, jakarta.persistence.LockModeType.PESSIMISTIC_WRITE);
    if (notification == null) {
      throw ApiException.notFound("notification", id);
    }
    if (notification.status != NotificationStatus.FAILED) {
      throw ApiException.conflict(
          "only a FAILED notification can be retried; this one is " + notification.status,
          Map.of("currentStatus", notification.status.name()));
    }
    if (notification.erasedAt != null || notification.recipient == null) {
      throw ApiException.conflict(
          "the candidate's personal data was erased; this notification cannot be sent",
          Map.of("currentStatus", notification.status.name()));
    }
    notification.status = NotificationStatus.PENDING;
    notification.attempts = 0;
    notification.nextAttemptAt = Instant.now();
    return detail(notification);
  }

  private static Notification find(UUID id) {
    Notification notification = Notification.findById(id);
    if (notification == null) {
      throw ApiException.notFound("notification", id);
    }
    return notification;
  }

  private static NotificationSummary summary(Notification n) {
    return new NotificationSummary(
        n.id,
        n.applicationId,
        n.candidateId,
        n.recipient,
        n.type,
        n.status,
        n.subject,
        n.attempts,
        n.createdAt,
        n.sentAt);
  }

  private static NotificationDetail detail(Notification n) {
    List<NotificationDetail.Attempt> attempts =
        DeliveryAttempt.<DeliveryAttempt>list(
                "notificationId", Sort.ascending("attemptedAt").and("id"), n.id)
            .stream()
            .map(a -> new NotificationDetail.Attempt(a.attemptedAt, a.outcome, a.error))
            .toList();
    return new NotificationDetail(
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
        n.erasedAt,
        attempts);
  }
}
