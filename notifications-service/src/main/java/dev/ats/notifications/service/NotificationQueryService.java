package dev.ats.notifications.service;

import dev.ats.notifications.domain.DeliveryAttempt;
import dev.ats.notifications.domain.Notification;
import dev.ats.notifications.domain.NotificationStatus;
import dev.ats.notifications.domain.NotificationType;
import dev.ats.platform.time.Timestamps;
import dev.ats.web.error.ApiException;
import dev.ats.web.paging.Cursors;
import dev.ats.web.paging.Page;
import io.quarkus.panache.common.Sort;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
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
  public Page<StoredNotification> list(Filter filter, String cursor, Integer requestedLimit) {
    int limit = Cursors.limit(requestedLimit);
    List<String> conditions = new ArrayList<>();
    Map<String, Object> params = new HashMap<>();
    if (filter.applicationId() != null) {
      conditions.add("applicationId = :applicationId");
      params.put("applicationId", filter.applicationId());
    }
    if (filter.candidateEmail() != null && !filter.candidateEmail().isBlank()) {
      conditions.add("lower(recipient) = :email");
      params.put("email", filter.candidateEmail().strip().toLowerCase(Locale.ROOT));
    }
    if (filter.type() != null) {
      conditions.add("type = :type");
      params.put("type", filter.type());
    }
    if (filter.status() != null) {
      conditions.add("status = :status");
      params.put("status", filter.status());
    }
    Cursors.Position after = Cursors.position(cursor);
    if (after != null) {
      conditions.add(
          "(createdAt < :afterCreatedAt or (createdAt = :afterCreatedAt and id < :afterId))");
      params.put("afterCreatedAt", after.at());
      params.put("afterId", after.id());
    }
    String query = conditions.isEmpty() ? "1 = 1" : String.join(" and ", conditions);
    List<Notification> rows =
        Notification.<Notification>find(
                query, Sort.descending("createdAt").and("id", Sort.Direction.Descending), params)
            .range(0, limit)
            .list();
    return Page.of(rows, limit, StoredNotification::of, n -> Cursors.encode(n.createdAt, n.id));
  }

  /** A notification with every delivery attempt since it was written, oldest first. */
  public record Detail(
      StoredNotification notification, List<StoredNotification.Attempt> attempts) {}

  @Transactional(Transactional.TxType.SUPPORTS)
  public Detail get(UUID id) {
    return detail(find(id, LockModeType.NONE));
  }

  /** Queues a FAILED notification again, with a fresh set of attempts. */
  public Detail retry(UUID id) {
    Notification notification = find(id, LockModeType.PESSIMISTIC_WRITE);
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
    notification.nextAttemptAt = Timestamps.now();
    return detail(notification);
  }

  private static Notification find(UUID id, LockModeType lock) {
    Notification notification = Notification.findById(id, lock);
    if (notification == null) {
      throw ApiException.notFound("notification", id);
    }
    return notification;
  }

  private static Detail detail(Notification n) {
    List<StoredNotification.Attempt> attempts =
        DeliveryAttempt.<DeliveryAttempt>list(
                "notificationId", Sort.ascending("attemptedAt").and("id"), n.id)
            .stream()
            .map(StoredNotification.Attempt::of)
            .toList();
    return new Detail(StoredNotification.of(n), attempts);
  }
}
