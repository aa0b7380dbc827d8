package dev.ats.applications.domain;

import io.quarkus.hibernate.orm.panache.PanacheRepositoryBase;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import jakarta.persistence.Query;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

@ApplicationScoped
public class ApplicationRepository implements PanacheRepositoryBase<Application, UUID> {

  /** What the recruiter list can be filtered by; null members do not filter. */
  public record Filter(
      UUID roleId,
      Stage stage,
      EligibilityOutcome eligibility,
      Instant submittedFrom,
      Instant submittedTo,
      String q) {}

  public Optional<Application> findForUpdate(UUID id) {
    return findByIdOptional(id, LockModeType.PESSIMISTIC_WRITE);
  }

  /** The role of an application, without loading or locking it. */
  public Optional<UUID> roleOf(UUID id) {
    return getEntityManager()
        .createQuery("select roleId from Application where id = :id", UUID.class)
        .setParameter("id", id)
        .getResultStream()
        .findFirst();
  }

  /**
   * How many of the role's applications are HIRED: the hires this service made for the role,
   * derived from the applications themselves, never a second counter.
   */
  public long hiredFor(UUID roleId) {
    return count("roleId = ?1 and stage = ?2", roleId, Stage.HIRED);
  }

  public boolean hasActiveApplication(UUID candidateId, UUID roleId) {
    return count(
            "candidate.id = ?1 and roleId = ?2 and stage not in ?3",
            candidateId,
            roleId,
            List.of(Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN))
        > 0;
  }

  /** The role's applications that are not final yet, locked for a stage change. */
  public List<Application> activeOfRoleForUpdate(UUID roleId) {
    return find(
            "roleId = ?1 and stage not in ?2 order by submittedAt, id",
            roleId,
            List.of(Stage.HIRED, Stage.REJECTED, Stage.WITHDRAWN))
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .list();
  }

  public List<Application> ofCandidateForUpdate(UUID candidateId) {
    return find("candidate.id = ?1 order by submittedAt, id", candidateId)
        .withLock(LockModeType.PESSIMISTIC_WRITE)
        .list();
  }

  /**
   * One page of the recruiter list in its stable order (submittedAt desc, id desc), starting after
   * the row {@code (afterSubmittedAt, afterId)} when given. The row-value comparison on the sort
   * key lets PostgreSQL seek in the index (role_id, submitted_at desc, id desc), so a page costs
   * the same however deep it is. {@code filter.q()} is not applied here: a search is {@link
   * ApplicationSearch#page}.
   *
   * <p>It selects {@link #COLUMNS}, not {@code a.*}: the row also holds the search columns (V7,
   * V10), whose vector of a résumé is kilobytes out of line that PostgreSQL would read and send for
   * every row of every page, for nothing.
   */
  @SuppressWarnings("unchecked")
  public List<Application> page(Filter filter, Instant afterSubmittedAt, UUID afterId, int rows) {
    StringBuilder sql = new StringBuilder("select " + COLUMNS + " from application a where true");
    Map<String, Object> params = new HashMap<>();
    appendFilters(filter, sql, params);
    if (afterSubmittedAt != null) {
      sql.append(
          " and (a.submitted_at, a.id)"
              + " < (cast(:afterSubmittedAt as timestamptz), cast(:afterId as uuid))");
      params.put("afterSubmittedAt", afterSubmittedAt.toString());
      params.put("afterId", afterId.toString());
    }
    sql.append(" order by a.submitted_at desc, a.id desc limit ").append(rows);
    Query query = getEntityManager().createNativeQuery(sql.toString(), Application.class);
    params.forEach(query::setParameter);
    return query.getResultList();
  }

  /**
   * The columns {@link Application} maps, for native queries that load it (a column it maps and
   * this list lacks fails every such query, so the list tests notice).
   */
  static final String COLUMNS =
      "a.id, a.role_id, a.candidate_id, a.stage, a.answers, a.eligibility_outcome,"
          + " a.eligibility_rules, a.source, a.consent_policy_version, a.consent_accepted_at,"
          + " a.rejection_reason, a.access_token_hash, a.version, a.submitted_at, a.updated_at";

  /** The list's filters other than {@code q}, as conditions on {@code application a}. */
  static void appendFilters(Filter filter, StringBuilder sql, Map<String, Object> params) {
    if (filter.roleId() != null) {
      sql.append(" and a.role_id = cast(:roleId as uuid)");
      params.put("roleId", filter.roleId().toString());
    }
    if (filter.stage() != null) {
      sql.append(" and a.stage = :stage");
      params.put("stage", filter.stage().name());
    }
    if (filter.eligibility() != null) {
      sql.append(" and a.eligibility_outcome = :eligibility");
      params.put("eligibility", filter.eligibility().name());
    }
    if (filter.submittedFrom() != null) {
      sql.append(" and a.submitted_at >= cast(:submittedFrom as timestamptz)");
      params.put("submittedFrom", filter.submittedFrom().toString());
    }
    if (filter.submittedTo() != null) {
      sql.append(" and a.submitted_at < cast(:submittedTo as timestamptz)");
      params.put("submittedTo", filter.submittedTo().toString());
    }
  }
}
