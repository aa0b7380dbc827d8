package dev.ats.applications.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** The read-only queries behind a board's counts and the reports. */
@ApplicationScoped
public class ReportRepository {

  /** How many applications of a role are in one stage with one eligibility outcome. */
  public record StageCount(Stage stage, EligibilityOutcome eligibility, long applications) {}

  /** What the reports need of a role: its title and respond-by date, as the copy holds them. */
  public record RoleFacts(UUID roleId, String title, String respondBy, String status) {}

  private final EntityManager em;

  public ReportRepository(EntityManager em) {
    this.em = em;
  }

  /**
   * The role's applications per stage and eligibility outcome: one grouped index-only scan of
   * {@code application_role_stage_eligibility} (V5), however many applications the role has.
   */
  @SuppressWarnings("unchecked")
  public List<StageCount> stageCounts(UUID roleId) {
    List<Object[]> rows =
        em.createNativeQuery(
                "select stage, eligibility_outcome, count(*) from application"
                    + " where role_id = cast(:roleId as uuid) group by stage, eligibility_outcome")
            .setParameter("roleId", roleId.toString())
            .getResultList();
    return rows.stream()
        .map(
            r ->
                new StageCount(
                    Stage.valueOf((String) r[0]),
                    EligibilityOutcome.valueOf((String) r[1]),
                    ((Number) r[2]).longValue()))
        .toList();
  }

  // --- the reports, computed in PostgreSQL ------------------------------------------------------
  //
  // Each report reads the cohort (applications submitted in [from, to) of one role or all, that
  // have
  // a stage history) joined to its stage changes and aggregates it in one statement: window
  // functions over stage_change (in id order) for the time spent in each stage, percentile_cont for
  // medians and p90s. Only figures come back, never rows per application. Days are elapsed
  // milliseconds (truncated, as java.time.Duration#toMillis) / 1000 / 86400 in double precision.

  /** The pipeline's stages in order, as stored; the index of a stage is its place in it. */
  private static final String FURTHEST =
      "max(case sc.to_stage when 'SCREENING' then 1 when 'INTERVIEWING' then 2"
          + " when 'OFFERED' then 3 when 'HIRED' then 4 else 0 end)";

  private static final String PIPELINE_STAGES =
      "('SUBMITTED', 'SCREENING', 'INTERVIEWING', 'OFFERED', 'HIRED')";

  private static final String FINAL_STAGES = "('HIRED', 'REJECTED', 'WITHDRAWN')";

  /** Days from {@code from} to {@code to}, as the reports count them. */
  private static String days(String from, String to) {
    return "(cast(floor(extract(epoch from ("
        + to
        + " - "
        + from
        + ")) * 1000) as double precision)"
        + " / cast(1000 as double precision) / cast(86400 as double precision))";
  }

  /** Who a report covers: the cohort's filter on {@code application a}. */
  public record Cohort(UUID roleId, Instant from, Instant to) {

    String where(Map<String, Object> params) {
      StringBuilder sql = new StringBuilder(" where true");
      if (roleId != null) {
        sql.append(" and a.role_id = cast(:roleId as uuid)");
        params.put("roleId", roleId.toString());
      }
      if (from != null) {
        sql.append(" and a.submitted_at >= cast(:from as timestamptz)");
        params.put("from", from.toString());
      }
      if (to != null) {
        sql.append(" and a.submitted_at < cast(:to as timestamptz)");
        params.put("to", to.toString());
      }
      return sql.toString();
    }
  }

  /**
   * How many of the cohort reached each pipeline stage (entered it, or a later one when it was
   * skipped), indexed by pipeline position (SUBMITTED 0 … HIRED 4); element 0 is the cohort's size.
   */
  public long[] reached(Cohort cohort) {
    Map<String, Object> params = new HashMap<>();
    String sql =
        "with furthest as (select a.id, "
            + FURTHEST
            + " as idx from application a join stage_change sc on sc.application_id = a.id"
            + cohort.where(params)
            + " group by a.id)"
            + " select count(*), count(*) filter (where idx >= 1), count(*) filter (where idx >= 2),"
            + " count(*) filter (where idx >= 3), count(*) filter (where idx >= 4) from furthest";
    Object[] row = (Object[]) query(sql, params).getSingleResult();
    long[] reached = new long[row.length];
    for (int i = 0; i < row.length; i++) {
      reached[i] = ((Number) row[i]).longValue();
    }
    return reached;
  }

  /** Days spent in one stage by the applications that entered it and left it. */
  public record StageTime(Stage stage, long timed, Double medianDays, Double p90Days) {}

  /** Per pipeline stage that anyone left: how long the cohort spent in it. */
  @SuppressWarnings("unchecked")
  public List<StageTime> stageTimes(Cohort cohort) {
    Map<String, Object> params = new HashMap<>();
    String sql =
        "with steps as (select sc.to_stage, sc.changed_at, lead(sc.changed_at) over"
            + " (partition by sc.application_id order by sc.id) as left_at"
            + " from application a join stage_change sc on sc.application_id = a.id"
            + cohort.where(params)
            + "), spent as (select to_stage, "
            + days("changed_at", "left_at")
            + " as d from steps where left_at is not null and to_stage in "
            + PIPELINE_STAGES
            + ") select to_stage, count(*), percentile_cont(0.5) within group (order by d),"
            + " percentile_cont(0.9) within group (order by d) from spent group by to_stage";
    List<Object[]> rows = query(sql, params).getResultList();
    return rows.stream()
        .map(
            r ->
                new StageTime(
                    Stage.valueOf((String) r[0]),
                    ((Number) r[1]).longValue(),
                    number(r[2]),
                    number(r[3])))
        .toList();
  }

  /** Days from submission to HIRED and to the first final stage, over the cohort. */
  public record DecisionTimes(
      long applications,
      long hired,
      Double medianDaysToHire,
      Double p90DaysToHire,
      long decided,
      Double medianDaysToDecision,
      Double p90DaysToDecision) {}

  public DecisionTimes decisionTimes(Cohort cohort) {
    Map<String, Object> params = new HashMap<>();
    String sql =
        "with per_app as (select a.submitted_at,"
            + " (array_agg(sc.changed_at order by sc.id) filter (where sc.to_stage = 'HIRED'))[1]"
            + " as hired_at,"
            + " (array_agg(sc.changed_at order by sc.id) filter (where sc.to_stage in "
            + FINAL_STAGES
            + "))[1] as decided_at"
            + " from application a join stage_change sc on sc.application_id = a.id"
            + cohort.where(params)
            + " group by a.id, a.submitted_at)"
            + " select count(*), count(hired_at),"
            + " percentile_cont(0.5) within group (order by "
            + days("submitted_at", "hired_at")
            + "), percentile_cont(0.9) within group (order by "
            + days("submitted_at", "hired_at")
            + "), count(decided_at), percentile_cont(0.5) within group (order by "
            + days("submitted_at", "decided_at")
            + "), percentile_cont(0.9) within group (order by "
            + days("submitted_at", "decided_at")
            + ") from per_app";
    Object[] r = (Object[]) query(sql, params).getSingleResult();
    return new DecisionTimes(
        ((Number) r[0]).longValue(),
        ((Number) r[1]).longValue(),
        number(r[2]),
        number(r[3]),
        ((Number) r[4]).longValue(),
        number(r[5]),
        number(r[6]));
  }

  /** One source's applications and how many of them reached INTERVIEWING, OFFERED and HIRED. */
  public record SourceCount(
      String source, long applications, long interviewing, long offered, long hired) {}

  /** Per source (null: none given), most applications first, then by source (code points). */
  @SuppressWarnings("unchecked")
  public List<SourceCount> sources(Cohort cohort) {
    Map<String, Object> params = new HashMap<>();
    String sql =
        "with furthest as (select a.id, a.source, "
            + FURTHEST
            + " as idx from application a join stage_change sc on sc.application_id = a.id"
            + cohort.where(params)
            + " group by a.id, a.source)"
            + " select source, count(*), count(*) filter (where idx >= 2),"
            + " count(*) filter (where idx >= 3), count(*) filter (where idx >= 4)"
            + " from furthest group by source order by count(*) desc, source collate \"C\" nulls last";
    List<Object[]> rows = query(sql, params).getResultList();
    return rows.stream()
        .map(
            r ->
                new SourceCount(
                    (String) r[0],
                    ((Number) r[1]).longValue(),
                    ((Number) r[2]).longValue(),
                    ((Number) r[3]).longValue(),
                    ((Number) r[4]).longValue()))
        .toList();
  }

  /** The roles the cohort's applications belong to. */
  @SuppressWarnings("unchecked")
  public List<UUID> cohortRoles(Cohort cohort) {
    Map<String, Object> params = new HashMap<>();
    String sql =
        "select distinct a.role_id from application a"
            + cohort.where(params)
            + " and exists (select 1 from stage_change sc where sc.application_id = a.id)";
    List<Object> rows = query(sql, params).getResultList();
    return rows.stream().map(ReportRepository::uuid).toList();
  }

  /**
   * One role's respond-by figures: its applications in the cohort; {@code due}, submitted before
   * the deadline; of those, {@code decided} (a final stage) and {@code progressed} (any change
   * after the submission) before it; {@code waiting}, undecided now once the deadline is past.
   */
  public record RespondByCount(
      UUID roleId, long applications, long due, long decided, long progressed, long waiting) {}

  /**
   * The respond-by figures of every role of the cohort, given each role's deadline (a role without
   * one has none due and none waiting).
   */
  @SuppressWarnings("unchecked")
  public List<RespondByCount> respondBy(Cohort cohort, Map<UUID, Instant> deadlines, Instant now) {
    Map<String, Object> params = new HashMap<>();
    String sql =
        deadlinesCte(deadlines, params)
            + ", per_app as (select a.role_id, a.stage, a.submitted_at,"
            + " (array_agg(sc.changed_at order by sc.id) filter (where sc.to_stage in "
            + FINAL_STAGES
            + "))[1] as decided_at,"
            + " (array_agg(sc.changed_at order by sc.id) filter (where sc.from_stage is not null))[1]"
            + " as updated_at"
            + " from application a join stage_change sc on sc.application_id = a.id"
            + cohort.where(params)
            + " group by a.id, a.role_id, a.stage, a.submitted_at)"
            + " select p.role_id, count(*),"
            + " count(*) filter (where p.submitted_at < d.deadline),"
            + " count(*) filter (where p.submitted_at < d.deadline and p.decided_at < d.deadline),"
            + " count(*) filter (where p.submitted_at < d.deadline and p.updated_at < d.deadline),"
            + " count(*) filter (where d.deadline <= cast(:now as timestamptz) and p.stage not in "
            + FINAL_STAGES
            + ") from per_app p left join deadlines d on d.role_id = p.role_id group by p.role_id";
    params.put("now", now.toString());
    List<Object[]> rows = query(sql, params).getResultList();
    return rows.stream()
        .map(
            r ->
                new RespondByCount(
                    uuid(r[0]),
                    ((Number) r[1]).longValue(),
                    ((Number) r[2]).longValue(),
                    ((Number) r[3]).longValue(),
                    ((Number) r[4]).longValue(),
                    ((Number) r[5]).longValue()))
        .toList();
  }

  /** An application still undecided past its role's deadline. */
  public record Waiting(UUID applicationId, UUID roleId, Stage stage, Instant submittedAt) {}

  /** Per role whose deadline is past, its longest-waiting undecided applications, up to limit. */
  @SuppressWarnings("unchecked")
  public List<Waiting> waiting(
      Cohort cohort, Map<UUID, Instant> deadlines, Instant now, int limit) {
    Map<String, Object> params = new HashMap<>();
    String sql =
        deadlinesCte(deadlines, params)
            + " select id, role_id, stage, submitted_at from (select a.id, a.role_id, a.stage,"
            + " a.submitted_at, row_number() over (partition by a.role_id order by a.submitted_at,"
            + " a.id) as rn from application a join deadlines d on d.role_id = a.role_id"
            + cohort.where(params)
            + " and d.deadline <= cast(:now as timestamptz) and a.stage not in "
            + FINAL_STAGES
            + " and exists (select 1 from stage_change sc where sc.application_id = a.id)) t"
            + " where rn <= :waitingLimit order by role_id, submitted_at, id";
    params.put("now", now.toString());
    params.put("waitingLimit", limit);
    List<Object[]> rows = query(sql, params).getResultList();
    return rows.stream()
        .map(r -> new Waiting(uuid(r[0]), uuid(r[1]), Stage.valueOf((String) r[2]), instant(r[3])))
        .toList();
  }

  private static String deadlinesCte(Map<UUID, Instant> deadlines, Map<String, Object> params) {
    params.put(
        "deadlineRoles",
        deadlines.keySet().stream()
            .map(UUID::toString)
            .collect(java.util.stream.Collectors.joining(",", "{", "}")));
    params.put(
        "deadlineTimes",
        deadlines.keySet().stream()
            .map(id -> "\"" + deadlines.get(id) + "\"")
            .collect(java.util.stream.Collectors.joining(",", "{", "}")));
    return "with deadlines as (select * from unnest(cast(:deadlineRoles as uuid[]),"
        + " cast(:deadlineTimes as timestamptz[])) as d(role_id, deadline))";
  }

  private Query query(String sql, Map<String, Object> params) {
    Query query = em.createNativeQuery(sql);
    params.forEach(query::setParameter);
    return query;
  }

  private static Double number(Object value) {
    return value == null ? null : ((Number) value).doubleValue();
  }

  /** The copies of these roles (roles this service has never heard of are left out). */
  @SuppressWarnings("unchecked")
  public Map<UUID, RoleFacts> roles(Collection<UUID> roleIds) {
    Map<UUID, RoleFacts> roles = new HashMap<>();
    if (roleIds.isEmpty()) {
      return roles;
    }
    List<Object[]> rows =
        em.createNativeQuery(
                "select role_id, title, respond_by, status from role_copy"
                    + " where role_id = any(cast(:ids as uuid[]))")
            .setParameter(
                "ids",
                roleIds.stream()
                    .map(UUID::toString)
                    .collect(java.util.stream.Collectors.joining(",", "{", "}")))
            .getResultList();
    for (Object[] r : rows) {
      UUID id = uuid(r[0]);
      roles.put(id, new RoleFacts(id, (String) r[1], (String) r[2], (String) r[3]));
    }
    return roles;
  }

  private static UUID uuid(Object value) {
    return value instanceof UUID u ? u : UUID.fromString(value.toString());
  }

  private static Instant instant(Object value) {
    if (value instanceof Instant i) {
      return i;
    }
    if (value instanceof OffsetDateTime o) {
      return o.toInstant();
    }
    if (value instanceof Timestamp t) {
      return t.toInstant();
    }
    throw new IllegalStateException("not a timestamp: " + value);
  }
}
