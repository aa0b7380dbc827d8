package dev.ats.roles;

import static dev.ats.roles.Fixtures.internship;
import static dev.ats.roles.Fixtures.openRole;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.emptyOrNullString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.everyItem;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.ats.infra.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

/**
 * What a careers page sees: the questions without their rules, cacheable answers, 304 for a role it
 * already has; and Location naming the public origin a trusted proxy forwarded.
 */
@QuarkusTest
class PublicViewTest {

  @Test
  void shouldShowAnonymousCallersEachQuestionButNeverItsRule() {
    String id = openRole("PublicView", 1);

    given()
        .get("/api/v1/roles/{id}", id)
        .then()
        .statusCode(200)
        .body("eligibilityRules.id", hasItem("degree"))
        .body("eligibilityRules.find { it.id == 'degree' }.options", hasItem("Mathematics"))
        .body("eligibilityRules.find { it.id == 'degree' }.answerType", equalTo("CHOICE"))
        .body("eligibilityRules.find { it.id == 'internshipWeeks' }.required", equalTo(false))
        .body("eligibilityRules", everyItem(not(hasKey("rule"))));
    given()
        .queryParam("team", "PublicView")
        .get("/api/v1/roles")
        .then()
        .statusCode(200)
        .body("items[0].eligibilityRules", everyItem(not(hasKey("rule"))));
    for (String token :
        new String[] {
          TestTokens.recruiter(), TestTokens.hiringManager(), TestTokens.integration()
        }) {
      given()
          .header("Authorization", token)
          .get("/api/v1/roles/{id}", id)
          .then()
          .statusCode(200)
          .body("eligibilityRules", everyItem(hasKey("rule")))
          .body("eligibilityRules.find { it.id == 'degree' }.rule.operator", equalTo("ONE_OF"));
    }
  }

  @Test
  void shouldLetCachesKeepAnonymousReadsAndNotTokenOnes() {
    String id = openRole("Caching", 1);

    given()
        .get("/api/v1/roles/{id}", id)
        .then()
        .header("Cache-Control", "public, max-age=60")
        .header("Vary", "Authorization");
    given()
        .get("/api/v1/roles")
        .then()
        .header("Cache-Control", "public, max-age=60")
        .header("Vary", "Authorization");
    given()
        .header("Authorization", TestTokens.recruiter())
        .get("/api/v1/roles/{id}", id)
        .then()
        .header("Cache-Control", "private, no-cache")
        .header("Vary", "Authorization");
  }

  @Test
  void shouldAnswer304ToAnIfNoneMatchNamingTheCurrentETag() {
    String id = openRole("Conditional", 1);
    String etag = given().get("/api/v1/roles/{id}", id).then().extract().header("ETag");

    for (String ifNoneMatch : new String[] {etag, "W/" + etag, "\"999\", " + etag, "*"}) {
      given()
          .header("If-None-Match", ifNoneMatch)
          .get("/api/v1/roles/{id}", id)
          .then()
          .statusCode(304)
          .header("ETag", etag)
          .body(emptyOrNullString());
    }
    given()
        .header("If-None-Match", "\"999\"")
        .get("/api/v1/roles/{id}", id)
        .then()
        .statusCode(200)
        .body("id", equalTo(id));
  }

  @Test
  void shouldNameTheOriginATrustedProxyForwardedInLocation() {
    given()
        .header("Authorization", TestTokens.recruiter())
        .header("X-Forwarded-Proto", "https")
        .header("X-Forwarded-Host", "careers.example.com")
        .header("X-Forwarded-Port", "8443")
        .contentType(ContentType.JSON)
        .body(internship("Forwarded", 1))
        .post("/api/v1/roles")
        .then()
        .statusCode(201)
        .header(
            "Location",
            org.hamcrest.Matchers.startsWith("https://careers.example.com:8443/api/v1/roles/"));
  }

  @Test
  void shouldDescribeAnUnreadableBodyByItsDocumentedNameNotItsJavaOne() {
    given()
        .header("Authorization", TestTokens.recruiter())
        .contentType(ContentType.JSON)
        .body("[1]")
        .post("/api/v1/roles")
        .then()
        .statusCode(400)
        .body("detail", not(org.hamcrest.Matchers.containsString("RoleInput ")))
        .body("violations", notNullValue());
  }

  @Test
  void shouldAnswerTheDocumentedProblemsForAnUnacceptableOrOversizedRequest() {
    given()
        .header("Authorization", TestTokens.recruiter())
        .contentType("text/plain")
        .body("title")
        .post("/api/v1/roles")
        .then()
        .statusCode(415)
        .contentType(Fixtures.PROBLEM);
    given()
        .accept("text/html")
        .get("/api/v1/roles")
        .then()
        .statusCode(406)
        .contentType(Fixtures.PROBLEM);
    given()
        .get("/api/v1/roles/not-a-uuid")
        .then()
        .statusCode(400)
        .contentType(Fixtures.PROBLEM)
        .body("violations", notNullValue());
    given()
        .header("Authorization", TestTokens.recruiter())
        .contentType(ContentType.JSON)
        .body("{\"title\": \"" + "x".repeat(1_100_000) + "\"}")
        .post("/api/v1/roles")
        .then()
        .statusCode(413); // refused before any code runs; the gateway answers it as a problem
  }
}
