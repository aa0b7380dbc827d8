package dev.ats.notifications.domain;

/** Where a message is in its delivery. */
public enum NotificationStatus {
  /** Waiting for the sender (first attempt or a retry after a failure). */
  PENDING,
  /** Accepted by the SMTP server. */
  SENT,
  /** Every attempt failed; {@code POST /api/v1/notifications/{id}/retry} queues it again. */
  FAILED,
  /** Never sent: the candidate's personal data was erased while it was pending. */
  CANCELLED
}
