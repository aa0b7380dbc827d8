package dev.ats.applications;

import static dev.ats.applications.Fixtures.awaitEvents;
import static dev.ats.applications.Fixtures.data;
import static dev.ats.applications.Fixtures.openRole;
import static dev.ats.applications.Fixtures.submitEligible;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.notNullValue;
import static org.hamcrest.Matchers.nullValue;
import static org.hamcrest.Matchers.startsWith;

import dev.ats.infra.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SelfServiceTest {

  @Test
  void shouldLetTheCandidateReadAndWithdrawTheirApplicationWithItsToken() {
    UUID roleId = openRole(3);
    Fixtures.Submitted mine = submitEligible(roleId);

    given()
        .header("X-Application-Token", mine.accessToken())
        .get("/api/v1/applications/" + mine.id())
        .then()
        .statusCode(200)
        .body("id", equalTo(mine.id().toString()))
        .body("stage", equalTo("SUBMITTED"))
        .header("ETag", "\"1\"");

    given()
        .header("X-Application-Token", mine.accessToken())
        .post("/api/v1/applications/" + mine.id() + "/withdraw")
        .then()
        .statusCode(200)
        .body("stage", equalTo("WITHDRAWN"));

    var withdrawn =
        awaitEvents(mine.id().toString(), Fixtures.ofType("dev.ats.application.withdrawn.v1"), 1)
            .get(0);
    assertThat(data(withdrawn).get("by")).isEqualTo("CANDIDATE");
    given()
        .header("X-Application-Token", mine.accessToken())
        .post("/api/v1/applications/" + mine.id() + "/withdraw")
        .then()
        .statusCode(409);
  }

  @Test
  void shouldAnswerNotFoundForATokenOfAnotherApplication() {
    UUID roleId = openRole(3);
    Fixtures.Submitted mine = submitEligible(roleId);
    Fixtures.Submitted theirs = submitEligible(roleId);

    given()
        .header("X-Application-Token", mine.accessToken())
        .get("/api/v1/applications/" + theirs.id())
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
    given()
        .header("X-Application-Token", mine.accessToken())
        .post("/api/v1/applications/" + theirs.id() + "/withdraw")
        .then()
        .statusCode(404);
    given()
        .header("X-Application-Token", "made-up")
        .get("/api/v1/applications/" + theirs.id())
        .then()
        .statusCode(404);
    // Indistinguishable from an application that does not exist.
    String unknown =
        given()
            .header("X-Application-Token", mine.accessToken())
            .get("/api/v1/applications/" + UUID.randomUUID())
            .then()
            .statusCode(404)
            .extract()
            .path("title");
    assertThat(unknown).isEqualTo("Not found");
    assertThat((String) Fixtures.application(theirs.id()).path("stage")).isEqualTo("SUBMITTED");
  }

  @Test
  void shouldNeverShowTheCandidateWhatTheRulesExpect() {
    UUID roleId = openRole(3);
    Fixtures.Submitted mine = submitEligible(roleId);

    given()
        .header("X-Application-Token", mine.accessToken())
        .get("/api/v1/applications/" + mine.id())
        .then()
        .statusCode(200)
        .body("eligibility.outcome", equalTo("ELIGIBLE"))
        .body("eligibility.rules", nullValue())
        .body("answers.commitsTwelveWeeks", equalTo(true));
    given()
        .header("Authorization", TestTokens.integration())
        .get("/api/v1/applications/" + mine.id())
        .then()
        .statusCode(200)
        .body("eligibility.rules.size()", equalTo(3));
  }

  @Test
  void shouldAnswer304ToTheCandidateWhoHasTheCurrentVersion() {
    Fixtures.Submitted mine = submitEligible(openRole(3));

    given()
        .header("X-Application-Token", mine.accessToken())
        .header("If-None-Match", "\"1\"")
        .get("/api/v1/applications/" + mine.id())
        .then()
        .statusCode(304)
        .header("ETag", "\"1\"");
    given()
        .header("Authorization", TestTokens.recruiter())
        .header("If-None-Match", "W/\"0\", \"1\"")
        .get("/api/v1/applications/" + mine.id())
        .then()
        .statusCode(304);
    given()
        .header("Authorization", TestTokens.recruiter())
        .header("If-None-Match", "\"0\"")
        .get("/api/v1/applications/" + mine.id())
        .then()
        .statusCode(200);
  }

  @Test
  void shouldNameTheForwardedOriginInTheLocationOfASubmission() {
    UUID roleId = openRole(3);

    given()
        .header("X-Forwarded-Proto", "https")
        .header("X-Forwarded-Host", "jobs.example.com")
        .header("X-Forwarded-Port", "443")
        .contentType(ContentType.JSON)
        .body(Fixtures.submission(roleId, Fixtures.email(), Fixtures.eligibleAnswers()))
        .post("/api/v1/applications")
        .then()
        .statusCode(201)
        .header("Location", startsWith("https://jobs.example.com/api/v1/applications/"));
  }

  @Test
  void shouldAnswerWithTheDocumentedStatusesForBadInputAndBadTokens() {
    given()
        .header("Authorization", TestTokens.recruiter())
        .get("/api/v1/applications?stage=NOPE")
        .then()
        .statusCode(400)
        .contentType("application/problem+json")
        .body("violations", notNullValue());
    given()
        .header("Authorization", TestTokens.recruiter())
        .get("/api/v1/applications/not-a-uuid")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
    given()
        .get("/api/v1/applications/" + UUID.randomUUID())
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    given()
        .header("Authorization", "Bearer " + TestTokens.forged("x", "recruiter"))
        .contentType(ContentType.JSON)
        .body(Fixtures.submission(openRole(1), Fixtures.email(), Fixtures.eligibleAnswers()))
        .post("/api/v1/applications")
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    given()
        .header("Authorization", TestTokens.recruiter())
        .post("/api/v1/applications/" + UUID.randomUUID() + "/withdraw")
        .then()
        .statusCode(404)
        .contentType("application/problem+json");
  }
}
