package dev.ats.notifications.service;

import dev.ats.notifications.domain.ApplicationCopy;
import dev.ats.notifications.domain.KnownRole;
import dev.ats.notifications.domain.NotificationStatus;
import dev.ats.notifications.domain.NotificationType;
import dev.ats.platform.time.Timestamps;
import dev.ats.platform.tracing.TraceContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Writes a PENDING notification for one application, rendered now from the local copies. The row is
 * inserted only if no notification exists for the same (event id, type): the unique constraint
 * makes that hold across redeliveries, restarts and instances. The row keeps the current span's
 * {@code traceparent} (the consumer's, which continues the trace of the request that caused the
 * event), so that its delivery is a span of that trace.
 */
@ApplicationScoped
public class NotificationWriter {

  private static final Logger LOG = Logger.getLogger(NotificationWriter.class);

  private final EntityManager em;
  private final MessageRenderer renderer;
  private final DeliveryService deliveries;

  public NotificationWriter(
      EntityManager em, MessageRenderer renderer, DeliveryService deliveries) {
    this.em = em;
    this.renderer = renderer;
    this.deliveries = deliveries;
  }

  /** Returns true if a new notification was written. */
  @Transactional(Transactional.TxType.MANDATORY)
  public boolean write(
      String eventId,
      String eventType,
      NotificationType type,
      ApplicationCopy application,
      List<String> reasons) {
    if (application.erased || application.candidateEmail == null) {
      LOG.infof(
          "no %s for application %s: no address to write to (erased or never submitted)",
          type, application.applicationId);
      return false;
    }
    KnownRole role = application.roleId == null ? null : KnownRole.findById(application.roleId);
    String roleTitle =
        role != null && role.title != null && !role.title.isBlank()
            ? role.title
            : application.roleTitle;
    LocalDate respondBy = role == null ? null : role.respondBy;
    MessageRenderer.Rendered message =
        renderer.render(
            type,
            new MessageRenderer.MessageData(
                application.candidateFirstName,
                roleTitle,
                application.eligibilityOutcome,
                respondBy,
                reasons));
    Instant now = Timestamps.now();
    int inserted =
        em.createNativeQuery(
                "insert into notification (id, event_id, event_type, type, application_id,"
                    + " candidate_id, role_id, recipient, subject, body_text, body_html, status,"
                    + " attempts, next_attempt_at, created_at, traceparent)"
                    + " values (:id, :eventId, :eventType, :type, :applicationId, :candidateId,"
                    + " :roleId, :recipient, :subject, :text, :html, :status, 0, :now, :now,"
                    + " :traceparent)"
                    + " on conflict (event_id, type) do nothing")
            .setParameter("id", UUID.randomUUID())
            .setParameter("eventId", eventId)
            .setParameter("eventType", eventType)
            .setParameter("type", type.name())
            .setParameter("applicationId", application.applicationId)
            .setParameter("candidateId", application.candidateId)
            .setParameter("roleId", application.roleId)
            .setParameter("recipient", application.candidateEmail)
            .setParameter("subject", message.subject())
            .setParameter("text", message.text())
            .setParameter("html", message.html())
            .setParameter("status", NotificationStatus.PENDING.name())
            .setParameter("now", now)
            .setParameter("traceparent", TraceContext.current())
            .executeUpdate();
    if (inserted == 1) {
      deliveries.wakeAfterCommit(); // sent as soon as it is committed, not on the next pass
    }
    return inserted == 1;
  }
}
