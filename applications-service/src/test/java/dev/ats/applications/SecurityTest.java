package dev.ats.applications;

import static dev.ats.applications.Fixtures.openRole;
import static dev.ats.applications.Fixtures.submitEligible;
import static io.restassured.RestAssured.given;

import dev.ats.infra.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
class SecurityTest {

  @Test
  void shouldAnswerUnauthorizedWithoutAValidBearerToken() {
    UUID id = submitEligible(openRole(1)).id();
    for (String authorization :
        new String[] {
          null,
          "Bearer " + TestTokens.forged("x", "recruiter"),
          "Bearer " + TestTokens.expired("x", "recruiter"),
          "Bearer " + TestTokens.unsigned("x", "recruiter"),
          "Bearer " + TestTokens.wrongIssuer("x", "recruiter")
        }) {
      var request = given();
      if (authorization != null) {
        request.header("Authorization", authorization);
      }
      request
          .get("/api/v1/applications")
          .then()
          .statusCode(401)
          .contentType("application/problem+json");
    }
    given().get("/api/v1/applications/" + id).then().statusCode(401);
    given()
        .header("Authorization", "Bearer " + TestTokens.forged("x", "recruiter"))
        .get("/api/v1/applications/" + id)
        .then()
        .statusCode(401)
        .contentType("application/problem+json");
    given().get("/api/v1/applications/" + id + "/history").then().statusCode(401);
    given().post("/api/v1/applications/" + id + "/withdraw").then().statusCode(401);
    given().delete("/api/v1/candidates/" + UUID.randomUUID()).then().statusCode(401);
  }

  @Test
  void shouldAnswerForbiddenToGroupsThatMayNotDoIt() {
    UUID id = submitEligible(openRole(1)).id();
    for (String reader : new String[] {TestTokens.hiringManager(), TestTokens.integration()}) {
      given().header("Authorization", reader).get("/api/v1/applications").then().statusCode(200);
      given()
          .header("Authorization", reader)
          .get("/api/v1/applications/" + id)
          .then()
          .statusCode(200);
      given()
          .header("Authorization", reader)
          .header("If-Match", "\"1\"")
          .contentType(ContentType.JSON)
          .body(Map.of("to", "SCREENING"))
          .post("/api/v1/applications/" + id + "/transitions")
          .then()
          .statusCode(403)
          .contentType("application/problem+json");
      given()
          .header("Authorization", reader)
          .post("/api/v1/applications/" + id + "/withdraw")
          .then()
          .statusCode(403);
      given()
          .header("Authorization", reader)
          .delete("/api/v1/candidates/" + UUID.randomUUID())
          .then()
          .statusCode(403);
    }
    given()
        .header("Authorization", TestTokens.integration())
        .contentType(ContentType.JSON)
        .body(Map.of("body", "hello"))
        .post("/api/v1/applications/" + id + "/notes")
        .then()
        .statusCode(403);
    given()
        .header("Authorization", TestTokens.integration())
        .contentType(ContentType.JSON)
        .body(Map.of("overallRating", 3))
        .post("/api/v1/applications/" + id + "/evaluations")
        .then()
        .statusCode(403);
    given()
        .header("Authorization", TestTokens.bearer("nobody@ats.test", "visitor"))
        .get("/api/v1/applications/" + id)
        .then()
        .statusCode(403);
  }
}
