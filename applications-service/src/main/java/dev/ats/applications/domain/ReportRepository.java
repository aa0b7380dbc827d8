package dev.ats.applications.domain;

import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.Query;
import java.sql.Timestamp;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
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

  /**
   * Every application submitted in {@code [from, to)} (null: unbounded), of one role (null: all),
   * with its stage changes oldest first.
   */
  @SuppressWarnings("unchecked")
  public List<ApplicationTrack> tracks(UUID roleId, Instant from, Instant to) {
    StringBuilder sql =
        new StringBuilder(
            "select a.id, a.role_id, a.source, a.submitted_at, a.stage, sc.id as step,"
                + " sc.from_stage, sc.to_stage, sc.changed_at from application a"
                + " join stage_change sc on sc.application_id = a.id where true");
    Map<String, Object> params = new HashMap<>();
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
    Query query = em.createNativeQuery(sql.toString());
    params.forEach(query::setParameter);
    List<Object[]> rows = query.getResultList();

    record Row(long step, ApplicationTrack.Step value) {}
    Map<UUID, ApplicationTrack> apps = new LinkedHashMap<>();
    Map<UUID, List<Row>> steps = new HashMap<>();
    for (Object[] r : rows) {
      UUID id = uuid(r[0]);
      apps.computeIfAbsent(
          id,
          k ->
              new ApplicationTrack(
                  k, uuid(r[1]), (String) r[2], instant(r[3]), Stage.valueOf((String) r[4]), null));
      steps
          .computeIfAbsent(id, k -> new ArrayList<>())
          .add(
              new Row(
                  ((Number) r[5]).longValue(),
                  new ApplicationTrack.Step(
                      r[6] == null ? null : Stage.valueOf((String) r[6]),
                      Stage.valueOf((String) r[7]),
                      instant(r[8]))));
    }
    List<ApplicationTrack> tracks = new ArrayList<>(apps.size());
    for (ApplicationTrack app : apps.values()) {
      List<ApplicationTrack.Step> ordered =
          steps.get(app.applicationId()).stream()
              .sorted(Comparator.comparingLong(Row::step))
              .map(Row::value)
              .toList();
      tracks.add(
          new ApplicationTrack(
              app.applicationId(),
              app.roleId(),
              app.source(),
              app.submittedAt(),
              app.stage(),
              ordered));
    }
    tracks.sort(
        Comparator.comparing(ApplicationTrack::submittedAt)
            .thenComparing(ApplicationTrack::applicationId));
    return tracks;
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
