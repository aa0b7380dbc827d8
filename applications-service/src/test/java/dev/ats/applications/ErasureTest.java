package dev.ats.applications;

import static dev.ats.applications.Fixtures.application;
import static dev.ats.applications.Fixtures.awaitEvents;
import static dev.ats.applications.Fixtures.data;
import static dev.ats.applications.Fixtures.eligibleAnswers;
import static dev.ats.applications.Fixtures.email;
import static dev.ats.applications.Fixtures.moveTo;
import static dev.ats.applications.Fixtures.openRole;
import static dev.ats.applications.Fixtures.submission;
import static dev.ats.applications.Fixtures.submit;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.ats.infra.test.TestKafka;
import dev.ats.infra.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ErasureTest {

  @Test
  void shouldAnonymiseTheCandidateKeepWhatReportingNeedsAndTellOtherServices() {
    String email = email();
    UUID roleA = openRole(2);
    UUID roleB = openRole(2);
    var first = submit(submission(roleA, email, eligibleAnswers()));
    var second = submit(submission(roleB, email, eligibleAnswers()));
    UUID firstId = UUID.fromString(first.path("id"));
    UUID secondId = UUID.fromString(second.path("id"));
    String candidateId = first.path("candidateId");
    String token = first.path("accessToken");
    moveTo(firstId, "SCREENING");
    given()
        .header("Authorization", TestTokens.recruiter())
        .contentType(ContentType.JSON)
        .body(Map.of("body", "Ada mentioned her phone number is 07700 900000"))
        .post("/api/v1/applications/" + firstId + "/notes")
        .then()
        .statusCode(201);

    given()
        .header("Authorization", TestTokens.recruiter())
        .delete("/api/v1/candidates/" + candidateId)
        .then()
        .statusCode(204);

    application(firstId)
        .response()
        .then()
        .body("candidate.email", equalTo(null))
        .body("candidate.firstName", equalTo(null))
        .body("candidate.lastName", equalTo(null))
        .body("candidate.phone", equalTo(null))
        .body("candidate.links", equalTo(null))
        .body("candidate.erased", equalTo(true))
        .body("answers", equalTo(null))
        .body("stage", equalTo("SCREENING"))
        .body("roleId", equalTo(roleA.toString()))
        .body("eligibility.outcome", equalTo("ELIGIBLE"))
        .body("eligibility.rules.passed", equalTo(List.of(true, true, true)))
        .body("submittedAt", org.hamcrest.Matchers.notNullValue());
    given()
        .header("Authorization", TestTokens.recruiter())
        .get("/api/v1/applications/" + firstId + "/notes")
        .then()
        .body("items[0].body", equalTo("[erased]"));
    given()
        .header("X-Application-Token", token)
        .get("/api/v1/applications/" + firstId)
        .then()
        .statusCode(404);
    given()
        .header("Authorization", TestTokens.recruiter())
        .queryParam("q", email)
        .get("/api/v1/applications")
        .then()
        .body("items", equalTo(List.of()));

    Map<String, Object> erased =
        data(awaitEvents(candidateId, Fixtures.ofType("dev.ats.candidate.erased.v1"), 1).get(0));
    assertThat((List<String>) erased.get("applicationIds"))
        .containsExactlyInAnyOrder(firstId.toString(), secondId.toString());

    // Erasing again changes nothing and tells nobody anything new.
    given()
        .header("Authorization", TestTokens.recruiter())
        .delete("/api/v1/candidates/" + candidateId)
        .then()
        .statusCode(204);
    assertThat(
            TestKafka.readAll(
                "applications.events", r -> candidateId.equals(r.key()), Duration.ofSeconds(3)))
        .hasSize(1);

    // The same email may apply again, even to the same role: as a new candidate, since nothing
    // links the erased one to that address any more.
    var again = submit(submission(roleB, email, eligibleAnswers()));
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat((String) again.path("candidateId")).isNotEqualTo(candidateId);
  }

  @Test
  void shouldAnswerNotFoundForAnUnknownCandidate() {
    given()
        .header("Authorization", TestTokens.recruiter())
        .delete("/api/v1/candidates/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }
}
