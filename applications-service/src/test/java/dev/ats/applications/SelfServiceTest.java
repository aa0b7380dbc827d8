package dev.ats.applications;

import static dev.ats.applications.Fixtures.awaitEvents;
import static dev.ats.applications.Fixtures.data;
import static dev.ats.applications.Fixtures.openRole;
import static dev.ats.applications.Fixtures.submitEligible;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import io.quarkus.test.junit.QuarkusTest;
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
}
