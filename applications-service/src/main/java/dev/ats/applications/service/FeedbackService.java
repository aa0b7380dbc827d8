package dev.ats.applications.service;

import dev.ats.applications.domain.Application;
import dev.ats.applications.domain.CriterionRating;
import dev.ats.applications.domain.Evaluation;
import dev.ats.applications.domain.Note;
import dev.ats.applications.events.ApplicationEvent;
import dev.ats.platform.time.Timestamps;
import dev.ats.web.paging.Cursors;
import dev.ats.web.paging.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.TypedQuery;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Notes and evaluations (scorecards) on applications, newest first. */
@ApplicationScoped
@Transactional
public class FeedbackService {

  public record NoteEntry(
      UUID id, UUID applicationId, String author, String body, Instant createdAt) {}

  public record EvaluationEntry(
      UUID id,
      UUID applicationId,
      String author,
      int overallRating,
      List<CriterionRating> criteria,
      String comments,
      Instant submittedAt) {}

  private final ApplicationLookup lookup;
  private final EventPublisher events;
  private final EntityManager em;

  public FeedbackService(ApplicationLookup lookup, EventPublisher events, EntityManager em) {
    this.lookup = lookup;
    this.events = events;
    this.em = em;
  }

  public NoteEntry addNote(UUID applicationId, String author, String body) {
    lookup.existing(applicationId);
    Note note = new Note();
    note.id = UUID.randomUUID();
    note.applicationId = applicationId;
    note.author = author;
    note.body = body;
    note.createdAt = Timestamps.now();
    note.persist();
    return noteEntry(note);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<NoteEntry> notes(UUID applicationId, String cursor, Integer limit) {
    lookup.existing(applicationId);
    int size = Cursors.limit(limit);
    List<Note> rows = newestFirst(Note.class, "createdAt", applicationId, cursor, size);
    return Page.of(rows, size, FeedbackService::noteEntry, n -> Cursors.encode(n.createdAt, n.id));
  }

  public EvaluationEntry addEvaluation(
      UUID applicationId,
      String author,
      int overallRating,
      List<CriterionRating> criteria,
      String comments) {
    Application app = lookup.existing(applicationId);
    Evaluation evaluation = new Evaluation();
    evaluation.id = UUID.randomUUID();
    evaluation.applicationId = applicationId;
    evaluation.author = author;
    evaluation.overallRating = overallRating;
    evaluation.criteria = criteria == null ? List.of() : criteria;
    evaluation.comments = comments;
    evaluation.submittedAt = Timestamps.now();
    evaluation.persist();
    events.publish(
        new ApplicationEvent.EvaluationSubmitted(
            applicationId,
            app.roleId,
            evaluation.id,
            author,
            evaluation.overallRating,
            evaluation.submittedAt));
    return evaluationEntry(evaluation);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<EvaluationEntry> evaluations(UUID applicationId, String cursor, Integer limit) {
    lookup.existing(applicationId);
    int size = Cursors.limit(limit);
    List<Evaluation> rows =
        newestFirst(Evaluation.class, "submittedAt", applicationId, cursor, size);
    return Page.of(
        rows, size, FeedbackService::evaluationEntry, e -> Cursors.encode(e.submittedAt, e.id));
  }

  /**
   * One page (plus one row, to tell whether there is a next) of an application's notes or
   * evaluations in their stable order ({@code at} desc, id desc), after the cursor's position.
   */
  private <E> List<E> newestFirst(
      Class<E> entity, String at, UUID applicationId, String cursor, int size) {
    Cursors.Position after = Cursors.position(cursor);
    TypedQuery<E> query =
        em.createQuery(
                "from "
                    + entity.getSimpleName()
                    + " where applicationId = :applicationId"
                    + (after == null
                        ? ""
                        : " and (" + at + " < :at or (" + at + " = :at and id < :id))")
                    + " order by "
                    + at
                    + " desc, id desc",
                entity)
            .setParameter("applicationId", applicationId)
            .setMaxResults(size + 1);
    if (after != null) {
      query.setParameter("at", after.at()).setParameter("id", after.id());
    }
    return query.getResultList();
  }

  private static NoteEntry noteEntry(Note note) {
    return new NoteEntry(note.id, note.applicationId, note.author, note.body, note.createdAt);
  }

  private static EvaluationEntry evaluationEntry(Evaluation e) {
    return new EvaluationEntry(
        e.id, e.applicationId, e.author, e.overallRating, e.criteria, e.comments, e.submittedAt);
  }
}
