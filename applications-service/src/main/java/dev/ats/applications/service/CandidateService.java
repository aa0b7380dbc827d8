package dev.ats.applications.service;

import static dev.ats.applications.messaging.ApplicationEvents.TOPIC;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ats.applications.domain.Application;
import dev.ats.applications.domain.ApplicationRepository;
import dev.ats.applications.domain.Candidate;
import dev.ats.applications.domain.CandidateRepository;
import dev.ats.applications.domain.Evaluation;
import dev.ats.applications.domain.RejectionReason;
import dev.ats.applications.messaging.ApplicationEvents;
import dev.ats.platform.outbox.Outbox;
import dev.ats.web.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.UUID;

/**
 * Erasure of a candidate's personal data (right to be forgotten). What is anonymised, irreversibly:
 * the candidate's email, names, phone, school, degree, graduation date and links; each
 * application's answers, the rule explanations (they quote the answers) and the access token;
 * notes' bodies, evaluations' comments and every free-text reason and note in the history (they may
 * name the person). What stays for reporting: the applications' role, stages, dates, eligibility
 * outcome and per-rule pass/fail, rejection reasons, source, consent version and time, evaluation
 * ratings and the history's stages, actors and times.
 */
@ApplicationScoped
@Transactional
public class CandidateService {

  public static final String ERASED = "[erased]";

  private final CandidateRepository candidates;
  private final ApplicationRepository applications;
  private final IdempotencyKeys idempotencyKeys;
  private final Outbox outbox;
  private final ObjectMapper json;
  private final EntityManager em;

  public CandidateService(
      CandidateRepository candidates,
      ApplicationRepository applications,
      IdempotencyKeys idempotencyKeys,
      Outbox outbox,
      ObjectMapper json,
      EntityManager em) {
    this.candidates = candidates;
    this.applications = applications;
    this.idempotencyKeys = idempotencyKeys;
    this.outbox = outbox;
    this.json = json;
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
    Instant now = ApplicationService.now();
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
      app.eligibilityRules = withoutExplanations(app.eligibilityRules);
      app.updatedAt = now;
    }
    if (!ids.isEmpty()) {
      String array = ApplicationService.uuidArray(ids);
      em.createNativeQuery(
              "update note set body = :erased where application_id = any(cast(:ids as uuid[]))")
          .setParameter("erased", ERASED)
          .setParameter("ids", array)
          .executeUpdate();
      for (Evaluation evaluation : Evaluation.<Evaluation>list("applicationId in ?1", ids)) {
        evaluation.comments = evaluation.comments == null ? null : ERASED;
        evaluation.criteria = withoutComments(evaluation.criteria);
      }
      em.createNativeQuery(
              "update stage_change set note = null,"
                  + " reason = case when reason in (:codes) then reason else null end"
                  + " where application_id = any(cast(:ids as uuid[]))")
          .setParameter("codes", Arrays.stream(RejectionReason.values()).map(Enum::name).toList())
          .setParameter("ids", array)
          .executeUpdate();
      idempotencyKeys.forget(ids);
      // Events already published carried the email and names; their outbox copies go too.
      em.createNativeQuery(
              "delete from outbox_event where published_at is not null and subject in (:subjects)")
          .setParameter("subjects", ids.stream().map(UUID::toString).toList())
          .executeUpdate();
    }
    outbox.add(
        TOPIC,
        ApplicationEvents.CANDIDATE_ERASED,
        candidateId.toString(),
        new ApplicationEvents.CandidateErased(candidateId, ids, now));
    return true;
  }

  private String withoutExplanations(String rules) {
    return rewrite(rules, "explanation");
  }

  private String withoutComments(String criteria) {
    return rewrite(criteria, "comment");
  }

  private String rewrite(String array, String field) {
    try {
      JsonNode node = json.readTree(array == null ? "[]" : array);
      for (JsonNode element : node) {
        if (element instanceof ObjectNode object && object.hasNonNull(field)) {
          object.put(field, ERASED);
        }
      }
      return json.writeValueAsString(node);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
