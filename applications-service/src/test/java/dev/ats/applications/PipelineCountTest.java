package dev.ats.applications;

import static dev.ats.applications.Fixtures.moveTo;
import static dev.ats.applications.Fixtures.openRole;
import static dev.ats.applications.Fixtures.submitEligible;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ats.applications.domain.ReportRepository;
import dev.ats.applications.service.reports.PipelineCountFolding;
import dev.ats.infra.test.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * A board's counts are kept by the V11 triggers as changes folded into counts; whatever happened to
 * a role's applications, they must equal what counting the applications themselves gives.
 */
@QuarkusTest
class PipelineCountTest {

  @Inject ReportRepository reports;
  @Inject PipelineCountFolding folding;
  @Inject EntityManager em;

  @Test
  void shouldKeepTheCountsEqualToTheApplicationsThemselvesAfterAMixedWorkload() throws Exception {
    UUID roleId = openRole(1);
    UUID other = openRole(5);

    // Submissions, some at the same moment, one ineligible (REJECTED at once).
    List<Fixtures.Submitted> submitted =
        new ArrayList<>(Fixtures.concurrently(() -> submitEligible(roleId), 12));
    Map<String, Object> answers = Fixtures.eligibleAnswers();
    answers.put("commitsTwelveWeeks", false);
    assertThat(Fixtures.submit(Fixtures.submission(roleId, Fixtures.email(), answers)).statusCode())
        .isEqualTo(201);
    UUID elsewhere = submitEligible(other).id();

    // Single transitions, a withdrawal by the candidate, an erasure.
    moveTo(submitted.get(0).id(), "SCREENING", "INTERVIEWING");
    moveTo(submitted.get(1).id(), "SCREENING");
    moveTo(submitted.get(2).id(), "REJECTED");
    moveTo(elsewhere, "SCREENING");
    given()
        .header("X-Application-Token", submitted.get(3).accessToken())
        .post("/api/v1/applications/" + submitted.get(3).id() + "/withdraw")
        .then()
        .statusCode(200);
    given()
        .header("Authorization", TestTokens.recruiter())
        .delete("/api/v1/candidates/" + submitted.get(4).candidateId())
        .then()
        .statusCode(204);

    // A bulk rejection with a failing item (stale version) among the successes.
    List<Map<String, Object>> items = new ArrayList<>();
    for (int i = 4; i < 8; i++) {
      items.add(Map.of("id", submitted.get(i).id().toString(), "version", 1));
    }
    items.add(Map.of("id", submitted.get(1).id().toString(), "version", 1));
    given()
        .header("Authorization", TestTokens.recruiter())
        .contentType(ContentType.JSON)
        .body(Map.of("applications", items, "to", "REJECTED", "reason", "NOT_A_FIT"))
        .post("/api/v1/applications/bulk-transitions")
        .then()
        .statusCode(200);

    // A hire fills the role: the rest are rejected by the role event, then it reopens.
    moveTo(submitted.get(0).id(), "OFFERED", "HIRED");
    Fixtures.publishRole(
        roleId, "dev.ats.role.filled.v1", 2, "FILLED", 1, 1, null, Fixtures.INTERNSHIP_RULES);
    await()
        .atMost(Fixtures.WAIT)
        .until(() -> "REJECTED".equals(Fixtures.application(submitted.get(11).id()).path("stage")));
    Fixtures.publishRole(
        roleId, "dev.ats.role.reopened.v1", 3, "OPEN", 2, 1, null, Fixtures.INTERNSHIP_RULES);
    Fixtures.awaitRoleVersion(roleId, 3);
    submitEligible(roleId);

    for (UUID role : List.of(roleId, other)) {
      assertThat(kept(role)).as("counts of role " + role).isEqualTo(counted(role));
    }
    assertThat(totalOverHttp(roleId)).isEqualTo(14);

    // Folded (by this call, or by the scheduled run holding the lock at that moment).
    await()
        .atMost(Fixtures.WAIT)
        .until(
            () -> {
              folding.foldAll();
              return pendingChanges(roleId) == 0 && pendingChanges(other) == 0;
            });
    for (UUID role : List.of(roleId, other)) {
      assertThat(kept(role)).as("folded counts of role " + role).isEqualTo(counted(role));
    }
    assertThat(totalOverHttp(roleId)).isEqualTo(14);
  }

  @Test
  @SuppressWarnings("unchecked")
  void shouldListEveryStageAndOutcomeAtZeroForARoleWithoutApplications() {
    UUID roleId = openRole(1);
    Map<String, Object> pipeline =
        given()
            .header("Authorization", TestTokens.hiringManager())
            .get("/api/v1/roles/" + roleId + "/pipeline")
            .then()
            .statusCode(200)
            .extract()
            .as(Map.class);
    assertThat(pipeline.get("applications")).isEqualTo(0);
    assertThat(pipeline.get("undecided")).isEqualTo(0);
    assertThat(pipeline.get("undecidedPastRespondBy")).isEqualTo(0);
    assertThat((List<?>) pipeline.get("stages")).hasSize(7);
    assertThat((List<?>) pipeline.get("eligibility")).hasSize(3);
    assertThat(
            ((List<Map<String, Object>>) pipeline.get("stages"))
                .stream().map(s -> s.get("applications")))
        .containsOnly(0);
  }

  /** What the board reads: the kept counts per "stage/eligibility". */
  private Map<String, Long> kept(UUID roleId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Map<String, Long> counts = new TreeMap<>();
              for (ReportRepository.StageCount c : reports.stageCounts(roleId)) {
                counts.put(c.stage() + "/" + c.eligibility(), c.applications());
              }
              return counts;
            });
  }

  /** The same figures counted from the applications table. */
  @SuppressWarnings("unchecked")
  private Map<String, Long> counted(UUID roleId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () -> {
              Map<String, Long> counts = new TreeMap<>();
              List<Object[]> rows =
                  em.createNativeQuery(
                          "select stage, eligibility_outcome, count(*) from application"
                              + " where role_id = cast(:roleId as uuid)"
                              + " group by stage, eligibility_outcome")
                      .setParameter("roleId", roleId.toString())
                      .getResultList();
              for (Object[] r : rows) {
                counts.put(r[0] + "/" + r[1], ((Number) r[2]).longValue());
              }
              return counts;
            });
  }

  private long pendingChanges(UUID roleId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        em.createNativeQuery(
                                "select count(*) from pipeline_count_delta"
                                    + " where role_id = cast(:roleId as uuid)")
                            .setParameter("roleId", roleId.toString())
                            .getSingleResult())
                    .longValue());
  }

  private static int totalOverHttp(UUID roleId) {
    return given()
        .header("Authorization", TestTokens.recruiter())
        .get("/api/v1/roles/" + roleId + "/pipeline")
        .then()
        .statusCode(200)
        .extract()
        .path("applications");
  }
}
