package dev.ats.applications;

import static dev.ats.applications.Fixtures.moveTo;
import static dev.ats.applications.Fixtures.openRole;
import static dev.ats.applications.Fixtures.submitEligible;
import static dev.ats.applications.service.reports.ReportDataSet.R1;
import static dev.ats.applications.service.reports.ReportDataSet.R2;
import static dev.ats.applications.service.reports.ReportDataSet.app;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.applications.domain.ApplicationTrack;
import dev.ats.applications.service.reports.ReportDataSet;
import dev.ats.infra.test.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The reports and a board's counts on the real database: the fixed data set of {@link
 * ReportDataSet} (inserted as rows, with the history's times chosen) gives the figures computed by
 * hand in ReportCalculationsTest; a reopened role goes through the real pipeline.
 */
@QuarkusTest
class ReportTest {

  /** The data set's window: submitted from 2025-11-03 through 2025-11-06 (d0 to d3). */
  private static final Map<String, String> WINDOW =
      Map.of("from", "2025-11-03", "to", "2025-11-06");

  private static final ObjectMapper JSON = new ObjectMapper();
  private static boolean loaded;

  @Inject EntityManager em;

  @BeforeEach
  void loadTheDataSetOnce() {
    if (loaded) {
      return;
    }
    QuarkusTransaction.requiringNew().run(this::insertDataSet);
    loaded = true;
  }

  @Test
  void shouldComputeTheFunnelOfTheDataSetExactly() {
    Map<String, Object> funnel = report("funnel", WINDOW);

    Map<String, Object> window = cast(funnel.get("window"));
    assertThat(window.get("from")).isEqualTo("2025-11-03T00:00:00Z");
    assertThat(window.get("to")).isEqualTo("2025-11-07T00:00:00Z");
    assertThat(window.get("roleId")).isNull();
    assertThat(funnel.get("computedAt")).isNotNull();
    assertThat(funnel.get("applications")).isEqualTo(7);
    assertThat(funnel.get("stages"))
        .isEqualTo(
            List.of(
                stage("SUBMITTED", 7, 0.7143, 6, 2.0, 3.0),
                stage("SCREENING", 5, 0.6, 4, 3.0, 19.1),
                stage("INTERVIEWING", 3, 0.3333, 2, 4.0, 4.0),
                stage("OFFERED", 1, 1.0, 1, 1.0, 1.0),
                stage("HIRED", 1, null, 0, null, null)));
  }

  @Test
  void shouldComputeTheFunnelOfOneRole() {
    Map<String, Object> funnel = report("funnel", Map.of("roleId", R2.toString()));

    Map<String, Object> window = cast(funnel.get("window"));
    assertThat(window.get("roleId")).isEqualTo(R2.toString());
    assertThat(window.get("from")).isNull();
    assertThat(funnel.get("applications")).isEqualTo(1);
    assertThat(funnel.get("stages"))
        .isEqualTo(
            List.of(
                stage("SUBMITTED", 1, 1.0, 1, 2.0, 2.0),
                stage("SCREENING", 1, 0.0, 1, 26.0, 26.0),
                stage("INTERVIEWING", 0, null, 0, null, null),
                stage("OFFERED", 0, null, 0, null, null),
                stage("HIRED", 0, null, 0, null, null)));
  }

  @Test
  void shouldComputeTimeToHireAndToDecisionExactly() {
    Map<String, Object> report = report("time-to-hire", WINDOW);

    assertThat(report.get("figures"))
        .isEqualTo(
            ordered(
                "applications", 7,
                "hired", 1,
                "medianDaysToHire", 10.0,
                "p90DaysToHire", 10.0,
                "decided", 5,
                "medianDaysToDecision", 7.0,
                "p90DaysToDecision", 20.8));
  }

  @Test
  void shouldCountEachSourceAsJsonAndAsCsv() {
    assertThat(report("sources", WINDOW).get("sources"))
        .isEqualTo(
            List.of(
                source("job-board", 4, 2, 1, 1),
                source("referral", 2, 1, 0, 0),
                source(null, 1, 0, 0, 0)));

    List<String> rows = csv("sources", WINDOW);
    assertThat(rows.get(0))
        .isEqualTo(
            "source,applications,reachedInterviewing,offered,hired,roleId,from,to,computedAt");
    String window = ",2025-11-03T00:00:00Z,2025-11-07T00:00:00Z,";
    assertThat(rows).hasSize(4);
    assertThat(rows.get(1)).startsWith("job-board,4,2,1,1," + window);
    assertThat(rows.get(2)).startsWith("referral,2,1,0,0," + window);
    assertThat(rows.get(3)).startsWith(",1,0,0,0," + window);
  }

  @Test
  void shouldMeasureTheRespondByPromiseAsJsonAndAsCsv() {
    Map<String, Object> report = report("respond-by", WINDOW);

    List<Map<String, Object>> roles = cast(report.get("roles"));
    assertThat(roles).hasSize(2);
    Map<String, Object> r1 = roles.get(0);
    assertThat(r1.get("roleId")).isEqualTo(R1.toString());
    assertThat(r1.get("respondBy")).isEqualTo("2025-11-21");
    assertThat(r1.get("respondByPassed")).isEqualTo(true);
    assertThat(
            List.of(
                r1.get("applications"),
                r1.get("due"),
                r1.get("decided"),
                r1.get("decidedShare"),
                r1.get("progressed"),
                r1.get("progressedShare"),
                r1.get("waitingCount")))
        .isEqualTo(List.of(6, 6, 4, 0.6667, 5, 0.8333, 2));
    assertThat(r1.get("waiting"))
        .isEqualTo(
            List.of(
                ordered(
                    "applicationId",
                    app(5).toString(),
                    "stage",
                    "SUBMITTED",
                    "submittedAt",
                    "2025-11-05T00:00:00Z"),
                ordered(
                    "applicationId",
                    app(6).toString(),
                    "stage",
                    "INTERVIEWING",
                    "submittedAt",
                    "2025-11-05T00:00:00Z")));
    List<Map<String, Object>> limitedRoles =
        cast(
            report(
                    "respond-by",
                    Map.of("from", "2025-11-03", "to", "2025-11-06", "waitingLimit", "1"))
                .get("roles"));
    Map<String, Object> limited = limitedRoles.get(0);
    assertThat(limited.get("waitingCount")).isEqualTo(2);
    assertThat((List<?>) limited.get("waiting")).hasSize(1);
    Map<String, Object> r2 = roles.get(1);
    assertThat(
            List.of(r2.get("due"), r2.get("decided"), r2.get("decidedShare"), r2.get("progressed")))
        .isEqualTo(List.of(1, 0, 0.0, 1));

    List<String> rows = csv("respond-by", WINDOW);
    assertThat(rows.get(0))
        .isEqualTo(
            "row,role,title,respondBy,respondByPassed,applications,due,decided,decidedShare,"
                + "progressed,progressedShare,waitingCount,applicationId,stage,submittedAt,roleId,"
                + "from,to,computedAt");
    assertThat(rows).hasSize(5);
    assertThat(rows.get(1))
        .startsWith(
            "role,"
                + R1
                + ",Software Engineer - Intern,2025-11-21,true,6,6,4,0.6667,5,0.8333,2,,,,,"
                + "2025-11-03T00:00:00Z,2025-11-07T00:00:00Z,");
    assertThat(rows.get(2))
        .startsWith(
            "waiting,"
                + R1
                + ",,,,,,,,,,,"
                + app(5)
                + ",SUBMITTED,2025-11-05T00:00:00Z,,2025-11-03T00:00:00Z,");
    assertThat(rows.get(3)).startsWith("waiting," + R1 + ",,,,,,,,,,," + app(6) + ",INTERVIEWING,");
    assertThat(rows.get(4))
        .startsWith("role," + R2 + ",\"Data Analyst, Intern\",2025-12-02,true,1,1,0,0.0,1,1.0,0,");
  }

  @Test
  void shouldKeepEveryFigureWhenACandidateIsErased() {
    List<Map<String, Object>> before = everyReport();

    given()
        .header("Authorization", TestTokens.recruiter())
        .delete("/api/v1/candidates/" + candidate(3))
        .then()
        .statusCode(204);

    assertThat(everyReport()).isEqualTo(before);
  }

  @Test
  void shouldCountARolesApplicationsPerStageAndEligibility() {
    Map<String, Object> pipeline =
        read(
            given()
                .header("Authorization", TestTokens.hiringManager())
                .get("/api/v1/roles/" + R1 + "/pipeline")
                .then()
                .statusCode(200)
                .extract()
                .asString());

    assertThat(pipeline.get("applications")).isEqualTo(6);
    assertThat(pipeline.get("respondBy")).isEqualTo("2025-11-21");
    assertThat(pipeline.get("respondByPassed")).isEqualTo(true);
    assertThat(pipeline.get("stages"))
        .isEqualTo(
            List.of(
                count("stage", "SUBMITTED", 1),
                count("stage", "SCREENING", 0),
                count("stage", "INTERVIEWING", 1),
                count("stage", "OFFERED", 0),
                count("stage", "HIRED", 1),
                count("stage", "REJECTED", 2),
                count("stage", "WITHDRAWN", 1)));
    assertThat(pipeline.get("eligibility"))
        .isEqualTo(
            List.of(
                count("outcome", "ELIGIBLE", 4),
                count("outcome", "INELIGIBLE", 1),
                count("outcome", "NEEDS_REVIEW", 1)));
    assertThat(pipeline.get("undecided")).isEqualTo(2);
    assertThat(pipeline.get("undecidedPastRespondBy")).isEqualTo(2);
  }

  @Test
  void shouldCountAndReportAReopenedRoleThroughTheRealPipeline() {
    UUID roleId = openRole(1);
    UUID hired = submitEligible(roleId).id();
    UUID left = submitEligible(roleId).id();
    moveTo(hired, "SCREENING", "INTERVIEWING", "OFFERED", "HIRED");
    Fixtures.publishRole(
        roleId, "dev.ats.role.filled.v1", 2, "FILLED", 1, 1, null, Fixtures.INTERNSHIP_RULES);
    await()
        .atMost(Fixtures.WAIT)
        .until(() -> "REJECTED".equals(Fixtures.application(left).path("stage")));
    Fixtures.publishRole(
        roleId, "dev.ats.role.reopened.v1", 3, "OPEN", 2, 1, null, Fixtures.INTERNSHIP_RULES);
    Fixtures.awaitRoleVersion(roleId, 3);
    UUID afterReopening = submitEligible(roleId).id();

    Map<String, Object> pipeline =
        read(
            given()
                .header("Authorization", TestTokens.recruiter())
                .get("/api/v1/roles/" + roleId + "/pipeline")
                .then()
                .statusCode(200)
                .extract()
                .asString());
    assertThat(pipeline.get("applications")).isEqualTo(3);
    List<Map<String, Object>> stages = cast(pipeline.get("stages"));
    assertThat(stages)
        .contains(
            count("stage", "SUBMITTED", 1),
            count("stage", "HIRED", 1),
            count("stage", "REJECTED", 1));
    assertThat(pipeline.get("undecided")).isEqualTo(1);

    Map<String, Object> funnel = report("funnel", Map.of("roleId", roleId.toString()));
    List<Map<String, Object>> funnelStages = cast(funnel.get("stages"));
    assertThat(funnelStages.stream().map(s -> s.get("reached")).toList())
        .containsExactly(3, 1, 1, 1, 1);
    assertThat(funnelStages.stream().map(s -> s.get("passThroughRate")).toList())
        .containsExactly(0.3333, 1.0, 1.0, 1.0, null);

    List<Map<String, Object>> roles =
        cast(report("respond-by", Map.of("roleId", roleId.toString())).get("roles"));
    assertThat(roles).hasSize(1);
    assertThat(roles.get(0).get("applications")).isEqualTo(3);
    assertThat(roles.get(0).get("decided")).isEqualTo(2);
    assertThat(roles.get(0).get("progressed")).isEqualTo(2);
    assertThat(afterReopening).isNotNull();
  }

  @Test
  void shouldRefuseWhatAReportCannotAnswer() {
    given()
        .header("Authorization", TestTokens.recruiter())
        .get("/api/v1/roles/" + UUID.randomUUID() + "/pipeline")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .header("Authorization", TestTokens.recruiter())
        .queryParam("from", "yesterday")
        .get("/api/v1/reports/funnel")
        .then()
        .statusCode(400);
    given()
        .header("Authorization", TestTokens.recruiter())
        .queryParam("from", "2025-11-05")
        .queryParam("to", "2025-11-01")
        .get("/api/v1/reports/funnel")
        .then()
        .statusCode(400);
    given()
        .header("Authorization", TestTokens.hiringManager())
        .get("/api/v1/reports/funnel")
        .then()
        .statusCode(403);
    given().get("/api/v1/reports/sources").then().statusCode(401);
    given()
        .header("Authorization", TestTokens.integration())
        .get("/api/v1/reports/sources")
        .then()
        .statusCode(200);
  }

  // --- helpers ------------------------------------------------------------------------------

  private List<Map<String, Object>> everyReport() {
    return List.of("funnel", "time-to-hire", "sources", "respond-by").stream()
        .map(
            name -> {
              Map<String, Object> report = report(name, WINDOW);
              report.remove("computedAt");
              return report;
            })
        .toList();
  }

  private static Map<String, Object> report(String name, Map<String, String> query) {
    return read(
        given()
            .header("Authorization", TestTokens.recruiter())
            .queryParams(query)
            .get("/api/v1/reports/" + name)
            .then()
            .statusCode(200)
            .contentType("application/json")
            .extract()
            .asString());
  }

  private static List<String> csv(String name, Map<String, String> query) {
    var response =
        given()
            .header("Authorization", TestTokens.recruiter())
            .accept("text/csv")
            .queryParams(query)
            .get("/api/v1/reports/" + name)
            .then()
            .statusCode(200)
            .extract();
    assertThat(response.contentType()).startsWith("text/csv").containsIgnoringCase("utf-8");
    String body = new String(response.asByteArray(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(body).endsWith("\r\n");
    assertThat(body.replace("\r\n", "")).doesNotContain("\n");
    return Arrays.asList(body.split("\r\n"));
  }

  @SuppressWarnings("unchecked")
  private static Map<String, Object> read(String json) {
    try {
      return JSON.readValue(json, LinkedHashMap.class);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @SuppressWarnings("unchecked")
  private static <T> T cast(Object value) {
    return (T) value;
  }

  private static Map<String, Object> ordered(Object... pairs) {
    Map<String, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < pairs.length; i += 2) {
      map.put((String) pairs[i], pairs[i + 1]);
    }
    return map;
  }

  private static Map<String, Object> stage(
      String stage, int reached, Double passThrough, int timed, Double median, Double p90) {
    return ordered(
        "stage",
        stage,
        "reached",
        reached,
        "passThroughRate",
        passThrough,
        "timed",
        timed,
        "medianDays",
        median,
        "p90Days",
        p90);
  }

  private static Map<String, Object> source(
      String source, int applications, int interviewing, int offered, int hired) {
    return ordered(
        "source",
        source,
        "applications",
        applications,
        "reachedInterviewing",
        interviewing,
        "offered",
        offered,
        "hired",
        hired);
  }

  private static Map<String, Object> count(String key, String value, int applications) {
    return ordered(key, value, "applications", applications);
  }

  private static UUID candidate(int n) {
    return UUID.fromString(String.format("30000000-0000-0000-0000-%012d", n));
  }

  private void insertDataSet() {
    Map<UUID, String> titles = new HashMap<>();
    ReportDataSet.roles().forEach((id, role) -> titles.put(id, role.title()));
    for (var role : ReportDataSet.roles().entrySet()) {
      em.createNativeQuery(
              "insert into role_copy (role_id, title, status, openings, openings_filled,"
                  + " respond_by, eligibility_rules, version, updated_at) values"
                  + " (cast(:id as uuid), :title, 'OPEN', 3, 1, :respondBy, '[]'::jsonb, 3, now())")
          .setParameter("id", role.getKey().toString())
          .setParameter("title", role.getValue().title())
          .setParameter("respondBy", role.getValue().respondBy())
          .executeUpdate();
    }
    int n = 0;
    for (ApplicationTrack track : ReportDataSet.tracks()) {
      n++;
      em.createNativeQuery(
              "insert into candidate (id, email, first_name, last_name, created_at, updated_at)"
                  + " values (cast(:id as uuid), :email, 'Report', 'Candidate', now(), now())")
          .setParameter("id", candidate(n).toString())
          .setParameter("email", "report-" + n + "@example.com")
          .executeUpdate();
      em.createNativeQuery(
              "insert into application (id, role_id, candidate_id, stage, answers,"
                  + " eligibility_outcome, eligibility_rules, source, consent_policy_version,"
                  + " consent_accepted_at, rejection_reason, version, submitted_at, updated_at)"
                  + " values (cast(:id as uuid), cast(:role as uuid), cast(:candidate as uuid),"
                  + " :stage, '{}'::jsonb, :eligibility, '[]'::jsonb, cast(:source as varchar), '2026-01',"
                  + " cast(:submitted as timestamptz), cast(:rejection as varchar), :version,"
                  + " cast(:submitted as timestamptz), now())")
          .setParameter("id", track.applicationId().toString())
          .setParameter("role", track.roleId().toString())
          .setParameter("candidate", candidate(n).toString())
          .setParameter("stage", track.stage().name())
          .setParameter("eligibility", ReportDataSet.ELIGIBILITY.getOrDefault(n, "ELIGIBLE"))
          .setParameter("source", track.source())
          .setParameter("submitted", track.submittedAt().toString())
          .setParameter("rejection", ReportDataSet.REJECTION.get(n))
          .setParameter("version", (long) track.steps().size())
          .executeUpdate();
      long version = 0;
      for (ApplicationTrack.Step step : track.steps()) {
        version++;
        em.createNativeQuery(
                "insert into stage_change (application_id, from_stage, to_stage, reason, actor,"
                    + " version, changed_at) values (cast(:id as uuid), cast(:from as varchar), :to, null,"
                    + " 'rita.recruiter@ats.test', :version, cast(:at as timestamptz))")
            .setParameter("id", track.applicationId().toString())
            .setParameter("from", step.from() == null ? null : step.from().name())
            .setParameter("to", step.to().name())
            .setParameter("version", version)
            .setParameter("at", step.at().toString())
            .executeUpdate();
      }
    }
  }
}
