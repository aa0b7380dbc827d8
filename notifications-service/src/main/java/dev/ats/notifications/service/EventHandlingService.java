package dev.ats.notifications.service;

import dev.ats.notifications.domain.ApplicationCopy;
import dev.ats.notifications.domain.KnownRole;
import dev.ats.notifications.domain.Notification;
import dev.ats.notifications.domain.NotificationStatus;
import dev.ats.notifications.domain.NotificationType;
import dev.ats.notifications.events.InboundEvent;
import dev.ats.platform.time.Timestamps;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * Applies one event: updates the local copies and writes the candidate's message. {@link
 * dev.ats.platform.events.EventConsumer} calls it in one transaction with the inbox record, only on
 * the event's first delivery, so a redelivered event changes nothing and a failed attempt leaves no
 * trace.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class EventHandlingService {

  private static final Logger LOG = Logger.getLogger(EventHandlingService.class);
  private static final Set<String> DECISIONS = Set.of("HIRED", "REJECTED", "WITHDRAWN");

  private final NotificationWriter writer;
  private final EntityManager em;

  public EventHandlingService(NotificationWriter writer, EntityManager em) {
    this.writer = writer;
    this.em = em;
  }

  public void apply(InboundEvent event) {
    // A switch expression over the kind without default: a new kind of event does not compile
    // until it is handled here.
    boolean written =
        switch (event.kind()) {
          case SUBMITTED -> submitted((InboundEvent.ApplicationSubmitted) event);
          case STAGE_CHANGED -> stageChanged((InboundEvent.StageChanged) event);
          case HIRED -> hired((InboundEvent.Hired) event);
          case REJECTED -> rejected((InboundEvent.Rejected) event);
          case WITHDRAWN -> withdrawn((InboundEvent.Withdrawn) event);
          case CANDIDATE_ERASED -> erase((InboundEvent.CandidateErased) event);
          case ROLE_CHANGED -> roleChanged((InboundEvent.RoleChanged) event);
        };
    LOG.debugf(
        "%s %s applied%s", event.eventType(), event.eventId(), written ? ", message written" : "");
  }

  /** Returns whether a message was written, like every handler below. */
  private boolean submitted(InboundEvent.ApplicationSubmitted event) {
    Instant now = Timestamps.now();
    KnownRole role = KnownRole.findById(event.roleId());
    if (role == null) {
      role = new KnownRole();
      role.roleId = event.roleId();
      role.title = event.roleTitle();
      role.version = KnownRole.FROM_APPLICATION;
      role.updatedAt = now;
      role.persist();
    } else if (role.title == null) {
      role.title = event.roleTitle();
    }
    ApplicationCopy application = ApplicationCopy.findById(event.applicationId());
    boolean isNew = application == null;
    if (isNew) {
      application = new ApplicationCopy();
      application.applicationId = event.applicationId();
      application.candidateId = event.candidateId();
    }
    application.roleId = event.roleId();
    application.roleTitle = event.roleTitle();
    application.eligibilityOutcome = event.eligibilityOutcome();
    application.submittedAt = now;
    application.updatedAt = now;
    if (isNew) {
      // Hibernate takes the row's state at persist(): persist once every column is set.
      application.persist();
    }
    boolean ineligible = "INELIGIBLE".equals(event.eligibilityOutcome());
    if (application.decision == null && (ineligible || "REJECTED".equals(event.stage()))) {
      application.decision = "REJECTED";
    }
    if (application.erased) {
      LOG.infof("application %s belongs to an erased candidate: not kept", event.applicationId());
      return false;
    }
    application.candidateEmail = event.email();
    application.candidateFirstName = event.firstName();
    if (ineligible) {
      // The rejected event (reason INELIGIBLE) that follows says it once, with the reasons.
      return false;
    }
    return writer.write(
        event.eventId(),
        event.eventType(),
        NotificationType.APPLICATION_RECEIVED,
        application,
        List.of());
  }

  private boolean stageChanged(InboundEvent.StageChanged event) {
    ApplicationCopy application = ApplicationCopy.findById(event.applicationId());
    if (application == null) {
      LOG.warnf(
          "stage change of unknown application %s (no submitted event seen): nothing to send",
          event.applicationId());
      return false;
    }
    application.updatedAt = Timestamps.now();
    if (DECISIONS.contains(event.to())) {
      // HIRED, REJECTED and WITHDRAWN have their own events, which carry the message.
      application.decision = event.to();
      return false;
    }
    NotificationType type =
        switch (event.to()) {
          case "INTERVIEWING" -> NotificationType.MOVING_TO_INTERVIEWS;
          case "OFFERED" -> NotificationType.OFFER;
          default -> null;
        };
    return type != null
        && writer.write(event.eventId(), event.eventType(), type, application, List.of());
  }

  private boolean hired(InboundEvent.Hired event) {
    return decided(event, event.applicationId(), "HIRED", NotificationType.WELCOME, List.of());
  }

  private boolean rejected(InboundEvent.Rejected event) {
    NotificationType type =
        switch (event.reason()) {
          case "INELIGIBLE" -> NotificationType.REJECTION_INELIGIBLE;
          case "POSITION_FILLED" -> NotificationType.REJECTION_POSITION_FILLED;
          default -> NotificationType.REJECTION;
        };
    List<String> reasons =
        type == NotificationType.REJECTION_INELIGIBLE ? event.explanation() : List.of();
    return decided(event, event.applicationId(), "REJECTED", type, reasons);
  }

  private boolean withdrawn(InboundEvent.Withdrawn event) {
    return decided(
        event,
        event.applicationId(),
        "WITHDRAWN",
        NotificationType.WITHDRAWAL_CONFIRMED,
        List.of());
  }

  private boolean decided(
      InboundEvent event,
      UUID applicationId,
      String decision,
      NotificationType type,
      List<String> reasons) {
    ApplicationCopy application = ApplicationCopy.findById(applicationId);
    if (application == null) {
      LOG.warnf(
          "%s for unknown application %s (no submitted event seen): nothing to send",
          event.eventType(), applicationId);
      return false;
    }
    application.decision = decision;
    application.updatedAt = Timestamps.now();
    return writer.write(event.eventId(), event.eventType(), type, application, reasons);
  }

  /**
   * Purges the candidate's personal data: the email address and first name of the local copies, and
   * the recipient and rendered bodies of the notifications (subjects name only the role) and any
   * delivery error text (which may quote the address). Pending messages are cancelled.
   */
  private boolean erase(InboundEvent.CandidateErased event) {
    Instant now = Timestamps.now();
    List<UUID> applicationIds = new ArrayList<>(event.applicationIds());
    for (UUID applicationId : event.applicationIds()) {
      if (ApplicationCopy.findById(applicationId) == null) {
        // Erased before its submitted event arrived (another partition): remember it.
        ApplicationCopy marker = new ApplicationCopy();
        marker.applicationId = applicationId;
        marker.candidateId = event.candidateId();
        marker.erased = true;
        marker.updatedAt = now;
        marker.persist();
      }
    }
    if (applicationIds.isEmpty()) {
      applicationIds.add(new UUID(0, 0));
    }
    em.flush();
    int copies =
        ApplicationCopy.update(
            "candidateEmail = null, candidateFirstName = null, erased = true, updatedAt = ?1"
                + " where candidateId = ?2 or applicationId in ?3",
            now,
            event.candidateId(),
            applicationIds);
    Notification.update(
        "status = ?1 where status = ?2 and (candidateId = ?3 or applicationId in ?4)",
        NotificationStatus.CANCELLED,
        NotificationStatus.PENDING,
        event.candidateId(),
        applicationIds);
    em.createNativeQuery(
            "update delivery_attempt set error = null where error is not null and"
                + " notification_id in (select id from notification where candidate_id = :candidate"
                + " or application_id in (:applications))")
        .setParameter("candidate", event.candidateId())
        .setParameter("applications", applicationIds)
        .executeUpdate();
    int notifications =
        Notification.update(
            "recipient = null, bodyText = null, bodyHtml = null, lastError = null, erasedAt = ?1"
                + " where erasedAt is null and (candidateId = ?2 or applicationId in ?3)",
            now,
            event.candidateId(),
            applicationIds);
    LOG.infof(
        "erased candidate %s: %d application copies and %d notifications purged",
        event.candidateId(), copies, notifications);
    return false;
  }

  private boolean roleChanged(InboundEvent.RoleChanged event) {
    KnownRole role = KnownRole.findById(event.roleId());
    if (role != null && event.version() <= role.version) {
      LOG.debugf(
          "role %s version %d ignored: already at %d",
          event.roleId(), event.version(), role.version);
      return false;
    }
    boolean isNew = role == null;
    if (isNew) {
      role = new KnownRole();
      role.roleId = event.roleId();
    }
    role.title = event.title();
    role.respondBy = event.respondBy();
    role.version = event.version();
    role.updatedAt = Timestamps.now();
    if (isNew) {
      role.persist();
    }
    return false;
  }
}
