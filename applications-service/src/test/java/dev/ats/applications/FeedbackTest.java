package dev.ats.applications;

import static dev.ats.applications.Fixtures.awaitEvents;
import static dev.ats.applications.Fixtures.data;
import static dev.ats.applications.Fixtures.openRole;
import static dev.ats.applications.Fixtures.submitEligible;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.notNullValue;

import dev.ats.infra.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class FeedbackTest {

  @Test
  void shouldKeepNotesWithTheirAuthorNewestFirstPageByPage() {
    UUID id = submitEligible(openRole(1)).id();
    for (int i = 1; i <= 3; i++) {
      given()
          .header("Authorization", TestTokens.hiringManager())
          .contentType(ContentType.JSON)
          .body(Map.of("body", "note " + i))
          .post("/api/v1/applications/" + id + "/notes")
          .then()
          .statusCode(201)
          .body("author", equalTo("hank.manager@ats.test"))
          .body("id", notNullValue());
    }

    var first =
        given()
            .header("Authorization", TestTokens.integration())
            .queryParam("limit", 2)
            .get("/api/v1/applications/" + id + "/notes")
            .then()
            .statusCode(200)
            .body("items.body", equalTo(List.of("note 3", "note 2")))
            .extract();
    given()
        .header("Authorization", TestTokens.recruiter())
        .queryParam("limit", 2)
        .queryParam("cursor", (String) first.path("nextCursor"))
        .get("/api/v1/applications/" + id + "/notes")
        .then()
        .statusCode(200)
        .body("items.body", equalTo(List.of("note 1")))
        .body("nextCursor", equalTo(null));
  }

  @Test
  void shouldRecordAnEvaluationAndPublishIt() {
    UUID id = submitEligible(openRole(1)).id();
    Map<String, Object> scorecard =
        Map.of(
            "overallRating",
            3,
            "criteria",
            List.of(Map.of("criterion", "Problem solving", "rating", 4, "comment", "Clear")),
            "comments",
            "Solid fundamentals");

    String evaluationId =
        given()
            .header("Authorization", TestTokens.hiringManager())
            .contentType(ContentType.JSON)
            .body(scorecard)
            .post("/api/v1/applications/" + id + "/evaluations")
            .then()
            .statusCode(201)
            .body("overallRating", equalTo(3))
            .body("criteria[0].rating", equalTo(4))
            .body("author", equalTo("hank.manager@ats.test"))
            .extract()
            .path("id");

    given()
        .header("Authorization", TestTokens.recruiter())
        .get("/api/v1/applications/" + id + "/evaluations")
        .then()
        .statusCode(200)
        .body("items.id", equalTo(List.of(evaluationId)));
    Map<String, Object> event =
        data(
            awaitEvents(
                    id.toString(),
                    Fixtures.ofType("dev.ats.application.evaluation-submitted.v1"),
                    1)
                .get(0));
    assertThat(event.get("evaluationId")).isEqualTo(evaluationId);
    assertThat(event.get("overallRating")).isEqualTo(3);
  }

  @Test
  void shouldRefuseRatingsOutsideOneToFour() {
    UUID id = submitEligible(openRole(1)).id();
    given()
        .header("Authorization", TestTokens.recruiter())
        .contentType(ContentType.JSON)
        .body(
            Map.of(
                "overallRating",
                5,
                "criteria",
                List.of(Map.of("criterion", "Communication", "rating", 0))))
        .post("/api/v1/applications/" + id + "/evaluations")
        .then()
        .statusCode(400)
        .body("violations.field", hasItem("overallRating"))
        .body("violations.field", hasItem("criteria[0].rating"));
    given()
        .header("Authorization", TestTokens.recruiter())
        .contentType(ContentType.JSON)
        .body(Map.of("overallRating", 2))
        .post("/api/v1/applications/" + UUID.randomUUID() + "/evaluations")
        .then()
        .statusCode(404);
  }
}
