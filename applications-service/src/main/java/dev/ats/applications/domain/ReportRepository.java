package dev.ats.applications.domain;

import io.agroal.api.AgroalDataSource;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** The queries behind a board's counts (and their folding) and the reports: no personal data. */
@ApplicationScoped
public class ReportRepository {

  /** How many applications of a role are in one stage with one eligibility outcome. */
  public record StageCount(Stage stage, EligibilityOutcome eligibility, long applications) {}

  /** What the reports need of a role: its title and respond-by date, as the copy holds them. */
  public record RoleFacts(UUID roleId, String title, String respondBy, String status) {}

  /** A role's respond-by day, as the copy holds it, and its counts ({@link #stageCounts}). */
  public record RoleCounts(String respondBy, List<StageCount> counts) {}

  private final EntityManager em;
  private final AgroalDataSource dataSource;

  public ReportRepository(EntityManager em, AgroalDataSource dataSource) {
    this.em = em;
    this.dataSource = dataSource;
  }

  /**
   * What a board shows of one role, in one statement and one round trip: the role copy's respond-by
   * and the role's counts as {@link #stageCounts} sums them; empty when the copy has no such role.
   * Plain JDBC on a pooled connection, outside any transaction (autocommit: one statement is one
   * snapshot, so a fold in progress is seen before or after, never half): no Hibernate session, no
   * entity, no flush, no commit round trip. Inside a caller's transaction the connection is that
   * transaction's.
   */
  public Optional<RoleCounts> roleCounts(UUID roleId) {
    try (Connection connection = dataSource.getConnection();
        PreparedStatement statement = connection.prepareStatement(ROLE_COUNTS)) {
      statement.setObject(1, roleId);
      try (ResultSet rows = statement.executeQuery()) {
        if (!rows.next()) {
          return Optional.empty();
        }
        String respondBy = rows.getString(1);
        List<StageCount> counts = new ArrayList<>(21);
        do {
          String stage = rows.getString(2);
          if (stage != null) {
            counts.add(
                new StageCount(
                    Stage.valueOf(stage),
                    EligibilityOutcome.valueOf(rows.getString(3)),
                    rows.getLong(4)));
          }
        } while (rows.next());
        return Optional.of(new RoleCounts(respondBy, counts));
      }
    } catch (SQLException e) {
      throw new IllegalStateException("reading the pipeline counts of role " + roleId, e);
    }
  }

  /** What {@link #STAGE_COUNTS} sums for one role, given as {@code role}. */
  private static String countsOf(String role) {
    return "select stage, eligibility_outcome, sum(applications) as applications from (select"
        + " stage, eligibility_outcome, applications from pipeline_count where role_id = "
        + role
        + " union all select stage, eligibility_outcome, delta from pipeline_count_delta where"
        + " role_id = "
        + role
        + ") counts group by stage, eligibility_outcome having sum(applications) <> 0";
  }

  /**
   * The statement behind {@link #roleCounts} (one JDBC parameter, the role's id): the role copy's
   * row, joined to its counts (one row per stage and outcome, or one row of nulls when it has
   * none). Public for its plan.
   */
  public static final String ROLE_COUNTS =
      "select r.respond_by, c.stage, c.eligibility_outcome, c.applications from role_copy r left"
          + " join lateral ("
          + countsOf("r.role_id")
          + ") c on true where r.role_id = ?";

  /**
   * The role's applications per stage and eligibility outcome, from the counts the triggers of V11
   * keep: the role's folded counts ({@code pipeline_count}, at most 7 x 3 rows) plus its changes
   * not folded yet ({@code pipeline_count_delta}, the last few seconds' worth), summed in one
   * statement, so the answer is exact and its cost does not grow with the role's applications.
   */
  @SuppressWarnings("unchecked")
  public List<StageCount> stageCounts(UUID roleId) {
    List<Object[]> rows =
        em.createNativeQuery(STAGE_COUNTS)
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

  /** The query behind {@link #stageCounts} ({@code :roleId}), public for its plan. */
  public static final String STAGE_COUNTS = countsOf("cast(:roleId as uuid)");

  /**
   * Folds up to {@code limit} of the oldest count changes into {@code pipeline_count}, in one
   * statement: the changes are deleted and added to the counts in the same transaction, so a read
   * sees them either as changes or as counts, never both or neither. Instances folding at the same
   * moment do not meet: only the one that gets the advisory lock folds.
   *
   * @return how many changes were folded
   */
  public int foldCountChanges(int limit) {
    Object locked =
        em.createNativeQuery("select pg_try_advisory_xact_lock(hashtext('pipeline_count_fold'))")
            .getSingleResult();
    if (!Boolean.TRUE.equals(locked)) {
      return 0;
    }
    Object folded =
        em.createNativeQuery(
                "with moved as (delete from pipeline_count_delta where id in (select id from"
                    + " pipeline_count_delta order by id limit :limit) returning role_id, stage,"
                    + " eligibility_outcome, delta), summed as (insert into pipeline_count as c"
                    + " (role_id, stage, eligibility_outcome, applications) select role_id, stage,"
                    + " eligibility_outcome, sum(delta) from moved group by role_id, stage,"
                    + " eligibility_outcome order by role_id, stage, eligibility_outcome on"
                    + " conflict (role_id, stage, eligibility_outcome) do update set applications"
                    + " = c.applications + excluded.applications) select count(*) from moved")
            .setParameter("limit", limit)
            .getSingleResult();
    return ((Number) folded).intValue();
  }

  // --- the reports, computed in PostgreSQL ------------------------------------------------------
  //
  // Each report aggregates the cohort (applications submitted in [from, to) of one role or all,
  // that have a stage history) in one statement over application_report (V11): one row per
  // application, kept by a trigger from its stage history (how far it got, the days spent in each
  // stage it left, when it was hired, first decided, first moved on), so a report reads one narrow
  // row per application, never its stage changes. percentile_cont gives medians and p90s. Only
  // figures come back, never rows per application. Days are elapsed milliseconds (truncated, as
  // java.time.Duration#toMillis) / 1000 / 86400 in double precision.

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

  /** Who a report covers: the cohort's filter on {@code application_report a}. */
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
        "select count(*), count(*) filter (where furthest >= 1), count(*) filter (where furthest"
            + " >= 2), count(*) filter (where furthest >= 3), count(*) filter (where furthest >="
            + " 4) from application_report a"
            + cohort.where(params);
    Object[] row = (Object[]) query(sql, params).getSingleResult();
    long[] reached = new long[row.length];
    for (int i = 0; i < row.length; i++) {
      reached[i] = ((Number) row[i]).longValue();
    }
    return reached;
  }

  /** Days spent in one stage by the applications that entered it and left it. */
  public record StageTime(Stage stage, long timed, Double medianDays, Double p90Days) {}

  /**
   * Per pipeline stage that anyone left: how long the cohort spent in it. One pass over the cohort:
   * an ordered-set aggregate ignores nulls, so each stage's column (null: not entered or not left)
   * gives its own count, median and p90, and the median and p90 of one column share one sort.
   */
  public List<StageTime> stageTimes(Cohort cohort) {
    Map<String, Object> params = new HashMap<>();
    List<String> columns =
        List.of("days_submitted", "days_screening", "days_interviewing", "days_offered");
    StringBuilder sql = new StringBuilder("select ");
    for (String column : columns) {
      sql.append(sql.length() > 7 ? ", " : "")
          .append("count(")
          .append(column)
          .append("), percentile_cont(0.5) within group (order by ")
          .append(column)
          .append("), percentile_cont(0.9) within group (order by ")
          .append(column)
          .append(")");
    }
    sql.append(" from application_report a").append(cohort.where(params));
    Object[] r = (Object[]) query(sql.toString(), params).getSingleResult();
    List<Stage> stages =
        List.of(Stage.SUBMITTED, Stage.SCREENING, Stage.INTERVIEWING, Stage.OFFERED);
    List<StageTime> times = new java.util.ArrayList<>();
    for (int i = 0; i < stages.size(); i++) {
      long timed = ((Number) r[3 * i]).longValue();
      if (timed > 0) {
        times.add(new StageTime(stages.get(i), timed, number(r[3 * i + 1]), number(r[3 * i + 2])));
      }
    }
    return times;
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
        "select count(*), count(hired_at),"
            + " percentile_cont(0.5) within group (order by "
            + days("submitted_at", "hired_at")
            + "), percentile_cont(0.9) within group (order by "
            + days("submitted_at", "hired_at")
            + "), count(decided_at), percentile_cont(0.5) within group (order by "
            + days("submitted_at", "decided_at")
            + "), percentile_cont(0.9) within group (order by "
            + days("submitted_at", "decided_at")
            + ") from application_report a"
            + cohort.where(params);
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
        "select source, count(*), count(*) filter (where furthest >= 2),"
            + " count(*) filter (where furthest >= 3), count(*) filter (where furthest >= 4)"
            + " from application_report a"
            + cohort.where(params)
            + " group by source order by count(*) desc, source collate \"C\" nulls last";
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

  /** Every role in the copy, or only {@code roleId} when given (a role copy per role: small). */
  @SuppressWarnings("unchecked")
  public Map<UUID, RoleFacts> roles(UUID roleId) {
    Query query =
        em.createNativeQuery(
            "select role_id, title, respond_by, status from role_copy"
                + (roleId == null ? "" : " where role_id = cast(:roleId as uuid)"));
    if (roleId != null) {
      query.setParameter("roleId", roleId.toString());
    }
    Map<UUID, RoleFacts> roles = new HashMap<>();
    for (Object[] r : (List<Object[]>) query.getResultList()) {
      UUID id = uuid(r[0]);
      roles.put(id, new RoleFacts(id, (String) r[1], (String) r[2], (String) r[3]));
    }
    return roles;
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
            + " select a.role_id, count(*),"
            + " count(*) filter (where a.submitted_at < d.deadline),"
            + " count(*) filter (where a.submitted_at < d.deadline and a.decided_at < d.deadline),"
            + " count(*) filter (where a.submitted_at < d.deadline and a.updated_at < d.deadline),"
            + " count(*) filter (where d.deadline <= cast(:now as timestamptz) and a.stage not in "
            + FINAL_STAGES
            + ") from application_report a left join deadlines d on d.role_id = a.role_id"
            + cohort.where(params)
            + " group by a.role_id";
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
            + " select w.application_id, d.role_id, w.stage, w.submitted_at from deadlines d"
            + " cross join lateral (select a.application_id, a.stage, a.submitted_at from"
            + " application_report a"
            + cohort.where(params)
            + " and a.role_id = d.role_id and a.stage not in "
            + FINAL_STAGES
            + " order by a.submitted_at, a.application_id limit :waitingLimit) w"
            + " where d.deadline <= cast(:now as timestamptz)"
            + " order by d.role_id, w.submitted_at, w.application_id";
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
