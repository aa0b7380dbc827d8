package dev.ats.roles;

import static dev.ats.roles.Fixtures.PROBLEM;
import static dev.ats.roles.Fixtures.draft;
import static dev.ats.roles.Fixtures.internship;
import static dev.ats.roles.Fixtures.openRole;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import dev.ats.infra.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Recruiters write; hiring managers and integrations read everything; anonymous callers OPEN. */
@QuarkusTest
class RoleAccessTest {

  @Test
  void shouldAnswer401WithoutValidTokenOnWrites() {
    given()
        .contentType(ContentType.JSON)
        .body(internship("Access", 1))
        .post("/api/v1/roles")
        .then()
        .statusCode(401)
        .contentType(PROBLEM)
        .header("WWW-Authenticate", "Bearer");
    given()
        .header("Authorization", "Bearer " + TestTokens.forged("x", "recruiter"))
        .contentType(ContentType.JSON)
        .body(internship("Access", 1))
        .post("/api/v1/roles")
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
    given()
        .header("Authorization", "Bearer " + TestTokens.expired("x", "recruiter"))
        .post("/api/v1/roles/{id}/open", UUID.randomUUID())
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
  }

  @Test
  void shouldAnswer403ToReadersThatTryToWrite() {
    String id = draft("Access", 1);
    for (String reader : new String[] {TestTokens.hiringManager(), TestTokens.integration()}) {
      given()
          .header("Authorization", reader)
          .contentType(ContentType.JSON)
          .body(internship("Access", 1))
          .post("/api/v1/roles")
          .then()
          .statusCode(403)
          .contentType(PROBLEM);
      given()
          .header("Authorization", reader)
          .post("/api/v1/roles/{id}/open", id)
          .then()
          .statusCode(403)
          .contentType(PROBLEM);
      given()
          .header("Authorization", reader)
          .header("If-Match", "\"0\"")
          .contentType(Fixtures.MERGE_PATCH)
          .body("{\"title\": \"x\"}")
          .patch("/api/v1/roles/{id}", id)
          .then()
          .statusCode(403)
          .contentType(PROBLEM);
    }
    Fixtures.read(id).body("status", equalTo("DRAFT")).body("version", equalTo(0));
  }

  @Test
  void shouldHideNonOpenRolesFromAnonymousCallers() {
    String draft = draft("Access", 1);
    String open = openRole("Access", 1);

    given().get("/api/v1/roles/{id}", draft).then().statusCode(404).contentType(PROBLEM);
    given()
        .get("/api/v1/roles/{id}", open)
        .then()
        .statusCode(200)
        .header("ETag", equalTo("\"1\""))
        .body("status", equalTo("OPEN"))
        .body("eligibilityRules[0].question", equalTo("Can you commit to a 12-week internship?"));

    Fixtures.action(open, "close", "{\"reason\": \"paused\"}").statusCode(200);
    given().get("/api/v1/roles/{id}", open).then().statusCode(404);
  }

  @Test
  void shouldLetHiringManagersAndIntegrationsReadEveryStatus() {
    String draft = draft("Access", 1);
    for (String reader : new String[] {TestTokens.hiringManager(), TestTokens.integration()}) {
      given()
          .header("Authorization", reader)
          .get("/api/v1/roles/{id}", draft)
          .then()
          .statusCode(200)
          .body("status", equalTo("DRAFT"));
      given()
          .header("Authorization", reader)
          .queryParam("team", "Access")
          .queryParam("status", "DRAFT")
          .queryParam("limit", 100)
          .get("/api/v1/roles")
          .then()
          .statusCode(200)
          .body("items.id", hasItem(draft));
    }
  }

  @Test
  void shouldAnswer401ToBadTokenEvenWhereNoTokenIsNeeded() {
    String open = openRole("Access", 1);
    given()
        .header("Authorization", "Bearer " + TestTokens.forged("x", "recruiter"))
        .get("/api/v1/roles/{id}", open)
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
    given()
        .header("Authorization", "Bearer " + TestTokens.unsigned("x", "recruiter"))
        .get("/api/v1/roles")
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
  }

  @Test
  void shouldTreatTokenWithoutReaderGroupLikeAnonymous() {
    String draft = draft("Access", 1);
    given()
        .header("Authorization", TestTokens.bearer("candidate@ats.test"))
        .get("/api/v1/roles/{id}", draft)
        .then()
        .statusCode(404);
  }

  @Test
  void shouldListOnlyOpenRolesToAnonymousCallers() {
    String draft = draft("Access", 1);
    String open = openRole("Access", 1);

    given()
        .queryParam("team", "Access")
        .queryParam("limit", 100)
        .get("/api/v1/roles")
        .then()
        .statusCode(200)
        .body("items.id", hasItem(open))
        .body("items.id", not(hasItem(draft)))
        .body("items.status", everyItem(equalTo("OPEN")));
    given()
        .queryParam("status", "DRAFT")
        .get("/api/v1/roles")
        .then()
        .statusCode(200)
        .body("items.id", not(hasItem(draft)))
        .body("items.status", everyItem(equalTo("OPEN")));
  }
}
