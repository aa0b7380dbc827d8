package dev.ats.applications.service;

import static dev.ats.applications.messaging.ApplicationEvents.TOPIC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.applications.domain.Application;
import dev.ats.applications.domain.ApplicationRepository;
import dev.ats.applications.domain.Evaluation;
import dev.ats.applications.domain.Note;
import dev.ats.applications.messaging.ApplicationEvents;
import dev.ats.applications.rest.EvaluationRequest;
import dev.ats.applications.rest.EvaluationView;
import dev.ats.applications.rest.NoteView;
import dev.ats.platform.outbox.Outbox;
import dev.ats.web.error.ApiException;
import dev.ats.web.paging.Cursors;
import dev.ats.web.paging.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.List;
import java.util.UUID;

/** Notes and evaluations (scorecards) on applications. */
@ApplicationScoped
@Transactional
public class FeedbackService {

  private final ApplicationRepository applications;
  private final Outbox outbox;
  private final ObjectMapper json;

  public FeedbackService(ApplicationRepository applications, Outbox outbox, ObjectMapper json) {
    this.applications = applications;
    this.outbox = outbox;
    this.json = json;
  }

  public NoteView addNote(UUID applicationId, String author, String body) {
    existing(applicationId);
    Note note = new Note();
    note.id = UUID.randomUUID();
    note.applicationId = applicationId;
    note.author = author;
    note.body = body;
    note.createdAt = ApplicationService.now();
    note.persist();
    return view(note);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<NoteView> notes(UUID applicationId, String cursor, Integer limit) {
    existing(applicationId);
    int size = Cursors.limit(limit);
    Key after = after(cursor);
    List<Note> rows =
        (after == null
                ? Note.<Note>find(
                    "applicationId = ?1 order by createdAt desc, id desc", applicationId)
                : Note.<Note>find(
                    "applicationId = ?1 and (createdAt < ?2 or (createdAt = ?2 and id < ?3))"
                        + " order by createdAt desc, id desc",
                    applicationId,
                    after.at(),
                    after.id()))
            .range(0, size)
            .list();
    return Page.of(rows, size, FeedbackService::view, n -> Cursors.encode(n.createdAt, n.id));
  }

  public EvaluationView addEvaluation(
      UUID applicationId, String author, EvaluationRequest request) {
    Application app = existing(applicationId);
    Evaluation evaluation = new Evaluation();
    evaluation.id = UUID.randomUUID();
    evaluation.applicationId = applicationId;
    evaluation.author = author;
    evaluation.overallRating = request.overallRating();
    evaluation.criteria = write(request.criteria() == null ? List.of() : request.criteria());
    evaluation.comments = request.comments();
    evaluation.submittedAt = ApplicationService.now();
    evaluation.persist();
    outbox.add(
        TOPIC,
        ApplicationEvents.EVALUATION_SUBMITTED,
        applicationId.toString(),
        new ApplicationEvents.EvaluationSubmitted(
            applicationId,
            app.roleId,
            evaluation.id,
            author,
            evaluation.overallRating,
            evaluation.submittedAt));
    return view(evaluation);
  }

  @Transactional(Transactional.TxType.SUPPORTS)
  public Page<EvaluationView> evaluations(UUID applicationId, String cursor, Integer limit) {
    existing(applicationId);
    int size = Cursors.limit(limit);
    Key after = after(cursor);
    List<Evaluation> rows =
        (after == null
                ? Evaluation.<Evaluation>find(
                    "applicationId = ?1 order by submittedAt desc, id desc", applicationId)
                : Evaluation.<Evaluation>find(
                    "applicationId = ?1 and (submittedAt < ?2 or (submittedAt = ?2 and id < ?3))"
                        + " order by submittedAt desc, id desc",
                    applicationId,
                    after.at(),
                    after.id()))
            .range(0, size)
            .list();
    return Page.of(rows, size, this::view, e -> Cursors.encode(e.submittedAt, e.id));
  }

  private record Key(Instant at, UUID id) {}

  private static Key after(String cursor) {
    List<String> values = Cursors.decode(cursor, 2);
    if (values == null) {
      return null;
    }
    try {
      return new Key(Instant.parse(values.get(0)), UUID.fromString(values.get(1)));
    } catch (DateTimeParseException | IllegalArgumentException e) {
      throw ApiException.badRequest("cursor is not one that this list returned");
    }
  }

  private Application existing(UUID applicationId) {
    return applications
        .findByIdOptional(applicationId)
        .orElseThrow(() -> ApplicationService.notFound(applicationId));
  }

  private static NoteView view(Note note) {
    return new NoteView(note.id, note.applicationId, note.author, note.body, note.createdAt);
  }

  private EvaluationView view(Evaluation e) {
    List<EvaluationRequest.CriterionRating> criteria;
    try {
      criteria =
          json.readValue(
              e.criteria, new TypeReference<List<EvaluationRequest.CriterionRating>>() {});
    } catch (JsonProcessingException ex) {
      throw new IllegalStateException(ex);
    }
    return new EvaluationView(
        e.id, e.applicationId, e.author, e.overallRating, criteria, e.comments, e.submittedAt);
  }

  private String write(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
