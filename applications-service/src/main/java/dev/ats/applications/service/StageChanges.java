package dev.ats.applications.service;

import dev.ats.applications.domain.Application;
import dev.ats.applications.domain.RejectionReason;
import dev.ats.applications.domain.Stage;
import dev.ats.applications.domain.StageChange;
import dev.ats.applications.events.ApplicationEvent;
import dev.ats.platform.time.Timestamps;
import dev.ats.web.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * The one way an application changes stage, whoever asks (a recruiter, the candidate, a role
 * event): the new version, the history entry and the events, all in the caller's transaction.
 *
 * <p>The events of one change share the version the application has after it, and come in this
 * order: {@code stage-changed}, then {@code hired}, {@code rejected} or {@code withdrawn} for those
 * stages.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class StageChanges {

  public static final String CANDIDATE_ACTOR = "candidate";
  public static final String SYSTEM_ACTOR = "system";

  private final EventPublisher events;

  public StageChanges(EventPublisher events) {
    this.events = events;
  }

  /** 409 {@code illegal-transition}, naming the allowed stages, unless {@code to} is allowed. */
  public static void requireAllowed(Application app, Stage to) {
    List<Stage> allowed = app.stage.allowedTargets();
    if (!allowed.contains(to)) {
      throw new ApiException(
          409,
          "illegal-transition",
          "Illegal transition",
          "An application in stage "
              + app.stage
              + " cannot move to "
              + to
              + (allowed.isEmpty()
                  ? "; " + app.stage + " is final"
                  : "; allowed: "
                      + allowed.stream().map(Enum::name).collect(Collectors.joining(", "))),
          Map.of("stage", app.stage.name(), "allowed", allowed.stream().map(Enum::name).toList()));
    }
  }

  /** 412 unless the application is still at {@code expectedVersion} (null: any version). */
  public static void requireVersion(Application app, Long expectedVersion) {
    if (expectedVersion != null && app.version != expectedVersion) {
      throw ApiException.preconditionFailed(
          "Application "
              + app.id
              + " is at version "
              + app.version
              + ", not "
              + expectedVersion
              + "; read it again and retry");
    }
  }

  /** A stage change with no event of its own beyond {@code stage-changed}. */
  public void move(Application app, Stage to, String reason, String note, String actor) {
    Stage from = app.stage;
    Instant now = Timestamps.now();
    app.stage = to;
    app.version++;
    app.updatedAt = now;
    record(app, from, to, reason, note, actor, now);
    events.publish(
        new ApplicationEvent.StageChanged(
            app.id, app.roleId, app.candidate.id, from, to, reason, actor, app.version, now));
  }

  public void hire(Application app, String reason, String note, String actor) {
    move(app, Stage.HIRED, reason, note, actor);
    events.publish(
        new ApplicationEvent.Hired(
            app.id, app.roleId, app.candidate.id, actor, app.version, app.updatedAt));
  }

  public void reject(
      Application app, RejectionReason reason, String explanation, String note, String actor) {
    app.rejectionReason = reason;
    move(app, Stage.REJECTED, reason.name(), note, actor);
    events.publish(
        new ApplicationEvent.Rejected(
            app.id,
            app.roleId,
            app.candidate.id,
            reason,
            explanation,
            actor,
            app.version,
            app.updatedAt));
  }

  /** {@code by}: CANDIDATE or RECRUITER. */
  public void withdraw(Application app, String by, String reason, String note, String actor) {
    move(app, Stage.WITHDRAWN, reason, note, actor);
    events.publish(
        new ApplicationEvent.Withdrawn(
            app.id, app.roleId, app.candidate.id, by, app.version, app.updatedAt));
  }

  /** A history entry at the application's current version, without an event. */
  public void record(
      Application app, Stage from, Stage to, String reason, String note, String actor, Instant at) {
    StageChange change = new StageChange();
    change.applicationId = app.id;
    change.fromStage = from;
    change.toStage = to;
    change.reason = reason;
    change.note = note;
    change.actor = actor;
    change.version = app.version;
    change.changedAt = at;
    change.persist();
  }
}
