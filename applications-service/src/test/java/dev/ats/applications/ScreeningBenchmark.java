package dev.ats.applications;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.infra.test.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import javax.sql.DataSource;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * Screening at volume: 100 000 applications over 3 roles with realistic stage histories (inserted
 * with generate_series, not 100 000 requests), then a board's counts (p95), each report, and a bulk
 * reject of 500, with the query plans. Not part of the default build (tag "benchmark"):
 *
 * <pre>
 * ./mvnw -B verify -pl applications-service -am -Dtest=ScreeningBenchmark \
 *     -Dsurefire.failIfNoSpecifiedTests=false -Dgroups=benchmark
 * </pre>
 *
 * It prints (and writes to target/screening-benchmark.txt) the figures and the plans. It asserts
 * correctness and the plans' shape only, never timings.
 */
@QuarkusTest
@Tag("benchmark")
class ScreeningBenchmark {

  private static final int APPLICATIONS = 100_000;
  private static final int BULK = 500;

  /** A path through the pipeline per application, picked by (g * 7919) % 100. */
  private static final String PATHS =
      "case when h < 30 then array['SUBMITTED','REJECTED']"
          + " when h < 50 then array['SUBMITTED','SCREENING','REJECTED']"
          + " when h < 60 then array['SUBMITTED','SCREENING','INTERVIEWING','REJECTED']"
          + " when h = 60 then array['SUBMITTED','SCREENING','INTERVIEWING','OFFERED','HIRED']"
          + " when h < 63 then array['SUBMITTED','SCREENING','INTERVIEWING','OFFERED']"
          + " when h < 68 then array['SUBMITTED','SCREENING','WITHDRAWN']"
          + " when h < 80 then array['SUBMITTED','SCREENING','INTERVIEWING']"
          + " when h < 90 then array['SUBMITTED','SCREENING']"
          + " else array['SUBMITTED'] end";

  @Inject EntityManager em;
  @Inject DataSource dataSource;

  @Test
  void shouldCountReportAndBulkRejectAtAHundredThousandApplications() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<UUID> roles =
        List.of(
            UUID.nameUUIDFromBytes((run + "-role-0").getBytes()),
            UUID.nameUUIDFromBytes((run + "-role-1").getBytes()),
            UUID.nameUUIDFromBytes((run + "-role-2").getBytes()));
    Progress report = new Progress(Path.of("target", "screening-benchmark.txt"));
    long insertStart = System.nanoTime();
    insert(run, roles);
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.execute("vacuum analyze application");
      s.execute("vacuum analyze stage_change");
    }
    report.append(loadAverage());
    report.append(
        String.format(
            "inserted %d applications over 3 roles with their stage histories, vacuumed and"
                + " analysed in %d ms%n",
            APPLICATIONS, (System.nanoTime() - insertStart) / 1_000_000));
    long stageChanges =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    ((Number)
                            em.createNativeQuery("select count(*) from stage_change")
                                .getSingleResult())
                        .longValue());
    report.append("stage_change rows in the database: ").append(stageChanges).append('\n');

    // --- a board's counts --------------------------------------------------------------------
    for (int i = 0; i < 30; i++) {
      pipeline(roles.get(i % 3));
    }
    List<Long> counts = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      long start = System.nanoTime();
      Map<String, Object> pipeline = pipeline(roles.get(i % 3));
      counts.add((System.nanoTime() - start) / 1_000);
      if (i < 3) {
        assertThat(((Number) pipeline.get("applications")).longValue()).isBetween(33_333L, 33_334L);
      }
    }
    report.append(Benchmarks.stats("\npipeline counts, HTTP round trip, 300 calls", counts));

    // --- the reports ---------------------------------------------------------------------------
    report.append("\nreports (HTTP round trip, 5 calls each after one warm-up):\n");
    for (String name : List.of("funnel", "time-to-hire", "sources", "respond-by")) {
      for (Map<String, String> query :
          List.of(Map.<String, String>of(), Map.of("roleId", roles.get(0).toString()))) {
        reportCall(name, query, ContentType.JSON);
        List<Long> times = new ArrayList<>();
        for (int i = 0; i < 5; i++) {
          long start = System.nanoTime();
          reportCall(name, query, ContentType.JSON);
          times.add((System.nanoTime() - start) / 1_000);
        }
        report.append(
            Benchmarks.stats(
                "  " + name + (query.isEmpty() ? " (all 100 000)" : " (one role, 33 333)"), times));
      }
    }
    List<Long> csvTimes = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      long start = System.nanoTime();
      reportCall("respond-by", Map.of(), "text/csv");
      csvTimes.add((System.nanoTime() - start) / 1_000);
    }
    report.append(Benchmarks.stats("  respond-by as CSV (all 100 000)", csvTimes));

    // --- the plans ------------------------------------------------------------------------------
    String countsPlan =
        plan(
            "select stage, eligibility_outcome, count(*) from application where role_id ="
                + " cast('"
                + roles.get(0)
                + "' as uuid) group by stage, eligibility_outcome");
    report.append("\nEXPLAIN (ANALYZE, BUFFERS) of the pipeline counts of one role:\n");
    report.append(countsPlan);
    String tracksPlan =
        plan(
            "select a.id, a.role_id, a.source, a.submitted_at, a.stage, sc.id as step,"
                + " sc.from_stage, sc.to_stage, sc.changed_at from application a join stage_change"
                + " sc on sc.application_id = a.id where true and a.role_id = cast('"
                + roles.get(0)
                + "' as uuid)");
    report.append("\nEXPLAIN (ANALYZE, BUFFERS) of a report's read of one role:\n");
    report.append(tracksPlan);

    // --- bulk reject of 500 ----------------------------------------------------------------
    @SuppressWarnings("unchecked")
    List<Object> submitted =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    em.createNativeQuery(
                            "select cast(id as varchar) from application where role_id ="
                                + " cast(:role as uuid) and stage = 'SUBMITTED' limit "
                                + BULK)
                        .setParameter("role", roles.get(1).toString())
                        .getResultList());
    assertThat(submitted).hasSize(BULK);
    List<Map<String, Object>> items =
        submitted.stream()
            .map(id -> Map.<String, Object>of("id", id.toString(), "version", 1))
            .toList();
    long bulkStart = System.nanoTime();
    var bulk =
        given()
            .config(
                RestAssured.config()
                    .httpClient(
                        HttpClientConfig.httpClientConfig()
                            .setParam("http.socket.timeout", 600_000)
                            .setParam("http.connection.timeout", 60_000)))
            .header("Authorization", TestTokens.recruiter())
            .contentType(ContentType.JSON)
            .body(Map.of("applications", items, "to", "REJECTED", "reason", "NOT_A_FIT"))
            .post("/api/v1/applications/bulk-transitions")
            .then()
            .statusCode(200)
            .extract();
    long bulkMs = (System.nanoTime() - bulkStart) / 1_000_000;
    assertThat((Integer) bulk.path("succeeded")).isEqualTo(BULK);
    report.append(
        String.format(
            "%nbulk reject of %d applications (each its own transaction, with its events): %d"
                + " ms, one request%n",
            BULK, bulkMs));

    report.append(loadAverage());
    assertThat(countsPlan)
        .containsPattern("Index (Only )?Scan (using|on) application_role_stage_eligibility")
        .doesNotContain("Seq Scan");
  }

  /** The machine's load while measuring (Linux), since other builds may share it. */
  private static String loadAverage() {
    Path load = Path.of("/proc/loadavg");
    try {
      return Files.exists(load) ? "load average (1, 5, 15 min, …): " + Files.readString(load) : "";
    } catch (java.io.IOException e) {
      return "";
    }
  }

  /** The report, written to the console and to its file line by line, so a failure keeps it. */
  private static final class Progress {
    private final Path file;

    Progress(Path file) throws java.io.IOException {
      this.file = file;
      Files.createDirectories(file.getParent());
      Files.writeString(file, "=== screening benchmark ===\n");
    }

    Progress append(Object text) {
      System.out.print(text);
      try {
        Files.writeString(file, String.valueOf(text), java.nio.file.StandardOpenOption.APPEND);
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return this;
    }

    Progress append(char c) {
      return append(String.valueOf(c));
    }
  }

  private void insert(String run, List<UUID> roles) {
    QuarkusTransaction.requiringNew()
        .timeout(900)
        .run(
            () -> {
              String[] respondBy = {"2026-10-15", "2026-11-20", "2026-12-01"};
              for (int i = 0; i < 3; i++) {
                em.createNativeQuery(
                        "insert into role_copy (role_id, title, status, openings,"
                            + " openings_filled, respond_by, eligibility_rules, version,"
                            + " updated_at) values (cast(:id as uuid), :title, 'OPEN', 500, 0,"
                            + " :respondBy, '[]'::jsonb, 1, now())")
                    .setParameter("id", roles.get(i).toString())
                    .setParameter("title", "Benchmark role " + i)
                    .setParameter("respondBy", respondBy[i])
                    .executeUpdate();
              }
              em.createNativeQuery(
                      "create temporary table bench_path on commit drop as select g,"
                          + " md5(:run || '-a-' || g)::uuid as id,"
                          + " md5(:run || '-c-' || g)::uuid as candidate_id,"
                          + " (array[cast(:r0 as uuid), cast(:r1 as uuid), cast(:r2 as uuid)])"
                          + "[1 + g % 3] as role_id,"
                          + " timestamptz '2026-09-01' + (g % 60) * interval '1 day'"
                          + " + g * interval '1 second' as submitted_at,"
                          + " (g % 9) + 1 as pace, "
                          + PATHS
                          + " as path from (select g, (g * 7919) % 100 as h"
                          + " from generate_series(1, :n) g) s")
                  .setParameter("run", run)
                  .setParameter("r0", roles.get(0).toString())
                  .setParameter("r1", roles.get(1).toString())
                  .setParameter("r2", roles.get(2).toString())
                  .setParameter("n", APPLICATIONS)
                  .executeUpdate();
              em.createNativeQuery(
                      "insert into candidate (id, email, first_name, last_name, created_at,"
                          + " updated_at) select candidate_id, 'screening-' || g || '-' || :run"
                          + " || '@example.com', 'First' || g, 'Last' || g, now(), now()"
                          + " from bench_path")
                  .setParameter("run", run)
                  .executeUpdate();
              em.createNativeQuery(
                      "insert into application (id, role_id, candidate_id, stage, answers,"
                          + " eligibility_outcome, eligibility_rules, source,"
                          + " consent_policy_version, consent_accepted_at, rejection_reason,"
                          + " version, submitted_at, updated_at) select id, role_id,"
                          + " candidate_id, path[array_length(path, 1)], '{}'::jsonb,"
                          + " case when g % 10 = 0 then 'INELIGIBLE' when g % 7 = 0 then"
                          + " 'NEEDS_REVIEW' else 'ELIGIBLE' end, '[]'::jsonb,"
                          + " (array['job-board','referral','careers-page','linkedin',null])"
                          + "[1 + g % 5], '2026-01', submitted_at, case when"
                          + " path[array_length(path, 1)] = 'REJECTED' then 'NOT_A_FIT' end,"
                          + " array_length(path, 1), submitted_at, now() from bench_path")
                  .executeUpdate();
              em.createNativeQuery(
                      "insert into stage_change (application_id, from_stage, to_stage, actor,"
                          + " version, changed_at) select b.id, case when s.i = 1 then null"
                          + " else b.path[s.i - 1] end, b.path[s.i], 'benchmark', s.i,"
                          + " b.submitted_at + (s.i - 1) * b.pace * interval '1 day'"
                          + " from bench_path b cross join lateral generate_subscripts(b.path, 1)"
                          + " s(i)")
                  .executeUpdate();
            });
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> pipeline(UUID roleId) {
    return given()
        .header("Authorization", TestTokens.recruiter())
        .get("/api/v1/roles/" + roleId + "/pipeline")
        .then()
        .statusCode(200)
        .extract()
        .as(Map.class);
  }

  private static void reportCall(String name, Map<String, String> query, Object accept) {
    var request = given().header("Authorization", TestTokens.recruiter()).queryParams(query);
    if (accept instanceof ContentType type) {
      request.accept(type);
    } else {
      request.accept(accept.toString());
    }
    request.get("/api/v1/reports/" + name).then().statusCode(200);
  }

  private String plan(String sql) {
    @SuppressWarnings("unchecked")
    List<Object> lines =
        QuarkusTransaction.requiringNew()
            .call(() -> em.createNativeQuery("explain (analyze, buffers) " + sql).getResultList());
    StringBuilder plan = new StringBuilder();
    lines.forEach(line -> plan.append("  ").append(line).append('\n'));
    return plan.toString();
  }
}
