package dev.ats.applications.service;

import dev.ats.applications.domain.Application;
import dev.ats.applications.domain.ApplicationRepository;
import dev.ats.applications.domain.ApplicationSearch;
import dev.ats.applications.domain.Candidate;
import dev.ats.applications.domain.CandidateRepository;
import dev.ats.applications.domain.Evaluation;
import dev.ats.applications.domain.RejectionReason;
import dev.ats.applications.events.ApplicationEvent;
import dev.ats.applications.service.documents.DocumentErasure;
import dev.ats.platform.idempotency.IdempotencyKeys;
import dev.ats.platform.time.Timestamps;
import dev.ats.web.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * Erasure of a candidate's personal data (right to be forgotten). What is anonymised, irreversibly:
 * the candidate's email, names, phone, school, degree, graduation date and links; each
 * application's answers, the rule explanations (they quote the answers) and the access token;
 * notes' bodies, evaluations' comments and every free-text reason and note in the history (they may
 * name the person); the stored Idempotency-Key responses and the already-published outbox copies of
 * their events; every document attached to the applications, with its extracted text and its bytes.
 * What stays for reporting: the applications' role, stages, dates, eligibility outcome and per-rule
 * pass/fail, rejection reasons, source, consent version and time, evaluation ratings and the
 * history's stages, actors and times.
 */
@ApplicationScoped
@Transactional
public class ErasureService {

  public static final String ERASED = "[erased]";

  private final CandidateRepository candidates;
  private final ApplicationRepository applications;
  private final IdempotencyKeys idempotencyKeys;
  private final EventPublisher events;
  private final ApplicationSearch search;
  private final EntityManager em;
  private final DocumentErasure documents;

  public ErasureService(
      CandidateRepository candidates,
      ApplicationRepository applications,
      IdempotencyKeys idempotencyKeys,
      EventPublisher events,
      ApplicationSearch search,
      EntityManager em,
      DocumentErasure documents) {
    this.documents = documents;
    this.candidates = candidates;
    this.applications = applications;
    this.idempotencyKeys = idempotencyKeys;
    this.events = events;
    this.search = search;
    this.em = em;
  }

  /**
   * Erases the candidate's personal data and publishes {@code candidate.erased}.
   *
   * @return false if the candidate was already erased (nothing changes, no event)
   */
  public boolean erase(UUID candidateId) {
    Candidate candidate =
        candidates
            .findByIdOptional(candidateId, LockModeType.PESSIMISTIC_WRITE)
            .orElseThrow(() -> ApiException.notFound("Candidate", candidateId));
    if (candidate.erasedAt != null) {
      return false;
    }
    Instant now = Timestamps.now();
    candidate.email = null;
    candidate.firstName = null;
    candidate.lastName = null;
    candidate.phone = null;
    candidate.school = null;
    candidate.degree = null;
    candidate.graduationDate = null;
    candidate.links = null;
    candidate.erasedAt = now;
    candidate.updatedAt = now;

    List<Application> theirs = applications.ofCandidateForUpdate(candidateId);
    List<UUID> ids = theirs.stream().map(a -> a.id).toList();
    for (Application app : theirs) {
      app.answers = null;
      app.accessTokenHash = null;
      app.eligibilityRules =
          app.eligibilityRules == null
              ? List.of()
              : app.eligibilityRules.stream().map(r -> r.withExplanationErased(ERASED)).toList();
      app.updatedAt = now;
    }
    if (!ids.isEmpty()) {
      eraseFeedbackAndHistory(ids);
      // Their documents, extracted text and bytes go entirely (nothing in them is kept for
      // reports).
      documents.deleteOf(ids);
      List<String> subjects = ids.stream().map(UUID::toString).toList();
      idempotencyKeys.forget(subjects);
      // Events already published carried the email and names; their outbox copies go too.
      em.createNativeQuery(
              "delete from outbox_event where published_at is not null and subject in (:subjects)")
          .setParameter("subjects", subjects)
          .executeUpdate();
    }
    // The search columns are rebuilt from what is left: the old name and address are not findable.
    search.refresh(ids);
    events.publish(new ApplicationEvent.CandidateErased(candidateId, ids, now));
    return true;
  }

  private void eraseFeedbackAndHistory(List<UUID> ids) {
    String array = ids.stream().map(UUID::toString).collect(Collectors.joining(",", "{", "}"));
    em.createNativeQuery(
            "update note set body = :erased where application_id = any(cast(:ids as uuid[]))")
        .setParameter("erased", ERASED)
        .setParameter("ids", array)
        .executeUpdate();
    for (Evaluation evaluation : Evaluation.<Evaluation>list("applicationId in ?1", ids)) {
      evaluation.comments = evaluation.comments == null ? null : ERASED;
      evaluation.criteria =
          evaluation.criteria == null
              ? List.of()
              : evaluation.criteria.stream().map(c -> c.withCommentErased(ERASED)).toList();
    }
    em.createNativeQuery(
            "update stage_change set note = null,"
                + " reason = case when reason in (:codes) then reason else null end"
                + " where application_id = any(cast(:ids as uuid[]))")
        .setParameter("codes", Arrays.stream(RejectionReason.values()).map(Enum::name).toList())
        .setParameter("ids", array)
        .executeUpdate();
  }
}
