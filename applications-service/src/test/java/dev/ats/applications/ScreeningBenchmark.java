package dev.ats.applications;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.applications.domain.ReportRepository;
import dev.ats.applications.domain.RoleCopy;
import dev.ats.applications.service.reports.PipelineCountFolding;
import dev.ats.applications.service.reports.Reports;
import dev.ats.infra.test.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.http.ContentType;
import io.smallrye.jwt.auth.principal.JWTParser;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
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
  private static final int SUBMITTERS = 30;
  private static final int CHUNK = 25;

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
  @Inject PipelineCountFolding folding;
  @Inject JWTParser jwtParser;
  @Inject ReportRepository reportRepository;
  @Inject Reports reportsService;

  @TestHTTPResource("/")
  URI base;

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
    folding.foldAll();
    try (Connection c = dataSource.getConnection();
        Statement s = c.createStatement()) {
      c.setAutoCommit(true);
      s.execute("vacuum analyze pipeline_count");
      s.execute("vacuum analyze pipeline_count_delta");
      s.execute("vacuum analyze application_report");
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
    // Measured with the JDK's HttpClient (HTTP/1.1, one kept-alive connection, one token, the body
    // read as bytes), interleaved with a round trip that does no work over the same connection, the
    // counts' statement alone over JDBC, and the token's verification alone in this JVM: under load
    // the no-op beside the counts is what makes the figure readable.
    HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    for (int i = 0; i < 300; i++) {
      fetch(http, "/api/v1/roles/" + roles.get(i % 3) + "/pipeline", BOARD_TOKEN);
      fetch(http, "/q/health/live", null);
    }
    for (UUID role : roles) {
      assertThat(((Number) pipeline(role).get("applications")).longValue())
          .isBetween(33_333L, 33_334L);
    }
    List<Long> counts = new ArrayList<>();
    List<Long> floor = new ArrayList<>();
    List<Long> sql = new ArrayList<>();
    List<Long> jwt = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        java.sql.PreparedStatement s = c.prepareStatement(ReportRepository.ROLE_COUNTS)) {
      c.setAutoCommit(true);
      for (int i = 0; i < 1000; i++) {
        String path = "/api/v1/roles/" + roles.get(i % 3) + "/pipeline";
        long start = System.nanoTime();
        fetch(http, path, BOARD_TOKEN);
        counts.add((System.nanoTime() - start) / 1_000);
        start = System.nanoTime();
        fetch(http, "/q/health/live", null);
        floor.add((System.nanoTime() - start) / 1_000);
        s.setObject(1, roles.get(i % 3));
        start = System.nanoTime();
        s.executeQuery().close();
        sql.add((System.nanoTime() - start) / 1_000);
        start = System.nanoTime();
        jwtParser.parse(BOARD_TOKEN.substring("Bearer ".length()));
        jwt.add((System.nanoTime() - start) / 1_000);
      }
    }
    report.append(
        "\npipeline counts, 1000 calls interleaved (java.net.http, HTTP/1.1, one connection):\n");
    report.append(Benchmarks.stats("  GET /api/v1/roles/{roleId}/pipeline", counts));
    report.append(Benchmarks.stats("  an HTTP round trip doing no work (/q/health/live)", floor));
    report.append(Benchmarks.stats("  the counts' statement alone, over JDBC", sql));
    report.append(Benchmarks.stats("  the bearer token's verification alone (JWTParser)", jwt));
    report.append(
        String.format(
            "  the counts' own path (median of counts minus median of no-op): %.2f ms%n",
            (Benchmarks.median(counts) - Benchmarks.median(floor)) / 1000.0));
    // The service's own work without HTTP, interleaved: the path before (a transaction loading the
    // role copy entity through Hibernate, then the counts' native query) and the path now.
    List<Long> entityPath = new ArrayList<>();
    List<Long> jdbcPath = new ArrayList<>();
    for (int i = 0; i < 1300; i++) {
      UUID role = roles.get(i % 3);
      long start = System.nanoTime();
      QuarkusTransaction.requiringNew()
          .call(
              () -> {
                em.find(RoleCopy.class, role).respondBy.length();
                return reportRepository.stageCounts(role);
              });
      long entity = (System.nanoTime() - start) / 1_000;
      start = System.nanoTime();
      reportsService.pipeline(role);
      long jdbc = (System.nanoTime() - start) / 1_000;
      if (i >= 300) {
        entityPath.add(entity);
        jdbcPath.add(jdbc);
      }
    }
    report.append("the service's path alone, no HTTP, 1000 calls interleaved after 300:\n");
    report.append(
        Benchmarks.stats(
            "  before: a transaction, the RoleCopy entity, the counts' native query", entityPath));
    report.append(
        Benchmarks.stats("  now: Reports.pipeline (one statement, no transaction)", jdbcPath));
    // The same with RestAssured (a new connection per call, the body parsed), as measured before.
    List<Long> assured = new ArrayList<>();
    for (int i = 0; i < 300; i++) {
      long start = System.nanoTime();
      pipeline(roles.get(i % 3));
      assured.add((System.nanoTime() - start) / 1_000);
    }
    report.append(
        Benchmarks.stats(
            "  the counts with RestAssured, as before (300 calls after them)", assured));

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
    String countsPlan = plan(ReportRepository.ROLE_COUNTS.replace("?", "'" + roles.get(0) + "'"));
    report.append(
        "\nEXPLAIN (ANALYZE, BUFFERS) of the pipeline counts of one role (with its respond-by):\n");
    report.append(countsPlan);
    report.append(
        "\nEXPLAIN (ANALYZE, BUFFERS) of the funnel's time in each stage, all 100 000:\n");
    report.append(
        plan(
            "select v.stage, count(*), percentile_cont(0.5) within group (order by v.d),"
                + " percentile_cont(0.9) within group (order by v.d) from application_report a"
                + " cross join lateral (values ('SUBMITTED', a.days_submitted), ('SCREENING',"
                + " a.days_screening), ('INTERVIEWING', a.days_interviewing), ('OFFERED',"
                + " a.days_offered)) v(stage, d) where v.d is not null group by v.stage"));
    report.append("\nEXPLAIN (ANALYZE, BUFFERS) of the sources of one role:\n");
    report.append(
        plan(
            "select source, count(*), count(*) filter (where furthest >= 2), count(*) filter"
                + " (where furthest >= 3), count(*) filter (where furthest >= 4) from"
                + " application_report a where a.role_id = '"
                + roles.get(0)
                + "' group by source order by count(*) desc, source collate \"C\" nulls last"));

    // --- where the time of a bulk item goes: the same statements in plain JDBC ----------------
    report.append(
        "\none bulk item's statements in plain JDBC (lock, stage update, history row, two outbox"
            + " rows marked published so the relay stays out), 100 items each:\n");
    profileItem(report, roles.get(2), "each its own transaction, with NOTIFY", 1, true, true);
    profileItem(report, roles.get(2), "each its own transaction, without NOTIFY", 1, false, true);
    profileItem(report, roles.get(2), "each its own transaction, no outbox rows", 1, false, false);
    profileItem(report, roles.get(2), "25 per transaction, one NOTIFY each", 25, true, true);

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
            "%nbulk reject of %d applications (%d per transaction, each with its events): %d"
                + " ms, one request%n",
            BULK, CHUNK, bulkMs));

    // --- 30 concurrent submissions to one role ------------------------------------------------
    UUID busy = Fixtures.openRole(500, false);
    Fixtures.submitEligible(busy);
    List<Long> rounds = new ArrayList<>();
    List<Long> submissions = new ArrayList<>();
    for (int round = 0; round < 10; round++) {
      long roundStart = System.nanoTime();
      List<Long> each =
          Fixtures.concurrently(
              () -> {
                long start = System.nanoTime();
                Fixtures.submitEligible(busy);
                return (System.nanoTime() - start) / 1_000;
              },
              SUBMITTERS);
      rounds.add((System.nanoTime() - roundStart) / 1_000);
      submissions.addAll(each);
    }
    report.append('\n');
    report.append(
        Benchmarks.stats(
            SUBMITTERS + " concurrent submissions to one role, wall time of a round, 10 rounds",
            rounds));
    report.append(Benchmarks.stats("  one submission among them", submissions));

    report.append(loadAverage());
    // The counts read the kept counts only (a handful of rows: a seq scan of one page is fine).
    assertThat(countsPlan).contains("pipeline_count").doesNotContain(" on application ");
  }

  /**
   * Moves 100 SUBMITTED applications of {@code role} to REJECTED with the SQL a bulk item runs,
   * {@code perTransaction} at a time, and reports the time per item.
   */
  private void profileItem(
      Progress report, UUID role, String label, int perTransaction, boolean notify, boolean outbox)
      throws Exception {
    List<UUID> ids = new ArrayList<>();
    try (Connection c = dataSource.getConnection();
        java.sql.PreparedStatement s =
            c.prepareStatement(
                "select id from application where role_id = ? and stage = 'SUBMITTED'"
                    + " order by submitted_at desc limit 100")) {
      c.setAutoCommit(true);
      s.setObject(1, role);
      try (java.sql.ResultSet r = s.executeQuery()) {
        while (r.next()) {
          ids.add(r.getObject(1, UUID.class));
        }
      }
    }
    long start = System.nanoTime();
    try (Connection c = dataSource.getConnection()) {
      c.setAutoCommit(false);
      try (java.sql.PreparedStatement lock =
              c.prepareStatement("select * from application where id = ? for update");
          java.sql.PreparedStatement update =
              c.prepareStatement(
                  "update application set stage = 'REJECTED', rejection_reason = 'NOT_A_FIT',"
                      + " version = version + 1, updated_at = now() where id = ?");
          java.sql.PreparedStatement history =
              c.prepareStatement(
                  "insert into stage_change (application_id, from_stage, to_stage, reason,"
                      + " actor, version, changed_at) values (?, 'SUBMITTED', 'REJECTED',"
                      + " 'NOT_A_FIT', 'benchmark', 2, now())");
          java.sql.PreparedStatement event =
              c.prepareStatement(
                  "insert into outbox_event (event_id, topic, event_key, type, source, subject,"
                      + " occurred_at, payload, published_at) values (?, 'benchmark.profile', ?,"
                      + " 'profile', 'benchmark', ?, now(), repeat('x', 400), now())");
          Statement plain = c.createStatement()) {
        int inTransaction = 0;
        for (UUID id : ids) {
          lock.setObject(1, id);
          lock.executeQuery().close();
          update.setObject(1, id);
          update.executeUpdate();
          history.setObject(1, id);
          history.executeUpdate();
          if (outbox) {
            for (int e = 0; e < 2; e++) {
              event.setObject(1, UUID.randomUUID());
              event.setString(2, id.toString());
              event.setString(3, id.toString());
              event.executeUpdate();
            }
          }
          if (notify && inTransaction == 0) {
            plain.execute("notify benchmark_profile");
          }
          if (++inTransaction == perTransaction) {
            c.commit();
            inTransaction = 0;
          }
        }
        c.commit();
      }
    }
    report.append(
        String.format(
            "  %s: %.2f ms per item%n",
            label, (System.nanoTime() - start) / 1_000_000.0 / ids.size()));
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
  /**
   * A board's session holds one token for all its refreshes: signing a new one for each call (an
   * RSA signature in the test JVM) measured the client, not the counts.
   */
  private static final String BOARD_TOKEN = TestTokens.recruiter();

  private static Map<String, Object> pipeline(UUID roleId) {
    return given()
        .header("Authorization", BOARD_TOKEN)
        .get("/api/v1/roles/" + roleId + "/pipeline")
        .then()
        .statusCode(200)
        .extract()
        .as(Map.class);
  }

  /** GET {@code path} over {@code http}, the body read in full; fails on anything but a 200. */
  private void fetch(HttpClient http, String path, String authorization) throws Exception {
    HttpRequest.Builder request = HttpRequest.newBuilder(base.resolve(path)).GET();
    if (authorization != null) {
      request.header("Authorization", authorization);
    }
    HttpResponse<byte[]> response =
        http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    if (response.statusCode() != 200) {
      throw new AssertionError(path + " answered " + response.statusCode());
    }
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
