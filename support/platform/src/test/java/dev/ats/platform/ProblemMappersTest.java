package dev.ats.platform;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.hasSize;
import static org.hamcrest.Matchers.not;
import static org.hamcrest.Matchers.notNullValue;

import dev.ats.infra.test.TestTokens;
import dev.ats.web.paging.Cursors;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import org.junit.jupiter.api.Test;

@QuarkusTest
class ProblemMappersTest {

  private static final String PROBLEM = "application/problem+json";
  private static final String VALID =
      """
      {"title":"t","count":3,"person":{"email":"a@b.io","name":"Ann"}}
      """;

  @Test
  void shouldAcceptValidBody() {
    given().contentType(ContentType.JSON).body(VALID).post("/probe").then().statusCode(200);
  }

  @Test
  void shouldListEveryViolatedFieldByItsJsonPath() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"title\":\"\",\"count\":11,\"person\":{\"email\":\"nope\",\"name\":\"Ann\"}}")
        .post("/probe")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo("https://ats.dev/problems/validation"))
        .body("status", equalTo(400))
        .body("instance", equalTo("/probe"))
        .body("violations.field", hasItem("title"))
        .body("violations.field", hasItem("count"))
        .body("violations.field", hasItem("person.email"))
        .body("violations", hasSize(3));
  }

  @Test
  void shouldRejectMissingBody() {
    given()
        .contentType(ContentType.JSON)
        .post("/probe")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
  }

  @Test
  void shouldRejectMalformedJsonSayingWhere() {
    given()
        .contentType(ContentType.JSON)
        .body("{\"title\": \"t\",,}")
        .post("/probe")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("title", equalTo("Malformed JSON"))
        .body("detail", containsString("line 1"));
  }

  @Test
  void shouldRejectUnknownFieldNamingIt() {
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"title\":\"t\",\"count\":1,\"person\":{\"email\":\"a@b.io\",\"name\":\"A\",\"age\":3}}")
        .post("/probe")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("person.age"))
        .body("violations[0].message", equalTo("unknown field"));
  }

  @Test
  void shouldRejectWrongTypesNamingTheExpectedOne() {
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"title\":\"t\",\"count\":\"three\",\"person\":{\"email\":\"a@b.io\",\"name\":\"A\"}}")
        .post("/probe")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("count"));
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"title\":\"t\",\"count\":1,\"colour\":\"BLUE\",\"person\":{\"email\":\"a@b.io\",\"name\":\"A\"}}")
        .post("/probe")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("colour"))
        .body("violations[0].message", containsString("RED"));
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"title\":\"t\",\"count\":1,\"ref\":\"not-a-uuid\",\"at\":\"yesterday\",\"person\":{\"email\":\"a@b.io\",\"name\":\"A\"}}")
        .post("/probe")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
  }

  @Test
  void shouldRejectBodyThatIsNotAnObject() {
    given()
        .contentType(ContentType.JSON)
        .body("[1,2]")
        .post("/probe")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    given()
        .contentType(ContentType.JSON)
        .body("\"x\"")
        .post("/probe")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
  }

  @Test
  void shouldRejectNulCharacterInTextJsonAndQueryInsteadOfFailingInTheDatabase() {
    given()
        .contentType(ContentType.JSON)
        .body(
            "{\"title\":\"a\\u0000b\",\"count\":1,\"person\":{\"email\":\"a@b.io\",\"name\":\"A\"}}")
        .post("/probe")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("violations[0].field", equalTo("title"));
    given()
        .contentType(ContentType.JSON)
        .body("{\"key\":[\"x\\u0000\"]}")
        .post("/probe/tree")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    given()
        .contentType(ContentType.JSON)
        .body("{\"key\":[\"x\"]}")
        .post("/probe/tree")
        .then()
        .statusCode(200);
    given()
        .urlEncodingEnabled(false)
        .get("/probe/page?cursor=%00")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
  }

  @Test
  void shouldRejectAbsurdlyDeepJson() {
    String deep = "[".repeat(5000) + "]".repeat(5000);
    var response =
        given()
            // Pretty-printing a 5000-level body for the failure log would exhaust the heap.
            .config(
                io.restassured.RestAssured.config()
                    .logConfig(
                        io.restassured.config.LogConfig.logConfig().enablePrettyPrinting(false)))
            .contentType(ContentType.JSON)
            .body("{\"key\":" + deep + "}")
            .post("/probe/tree");
    // Asserted on extracted values: RestAssured would pretty-print a deep body on failure.
    org.assertj.core.api.Assertions.assertThat(response.statusCode()).isEqualTo(400);
    org.assertj.core.api.Assertions.assertThat(response.contentType()).startsWith(PROBLEM);
  }

  @Test
  void shouldAnswerUnsupportedMediaTypeAsProblem() {
    given()
        .contentType(ContentType.XML)
        .body("<a/>")
        .post("/probe")
        .then()
        .statusCode(415)
        .contentType(PROBLEM);
  }

  @Test
  void shouldAnswerUnknownPathAndMethodAsProblem() {
    given().get("/nowhere").then().statusCode(404).contentType(PROBLEM);
    given().delete("/probe").then().statusCode(405).contentType(PROBLEM);
  }

  @Test
  void shouldCarryDomainConflictWithItsExtensions() {
    given()
        .get("/probe/conflict")
        .then()
        .statusCode(409)
        .contentType(PROBLEM)
        .body("detail", equalTo("role is CLOSED"))
        .body("allowed", hasItem("OPEN"))
        .body("currentStatus", equalTo("CLOSED"))
        .body("status", equalTo(409));
  }

  @Test
  void shouldAnswerMissingOrBadTokenWith401AndWrongGroupWith403AsProblems() {
    given().get("/probe/recruiters-only").then().statusCode(401).contentType(PROBLEM);
    given()
        .header("Authorization", "Bearer " + TestTokens.forged("x", "recruiter"))
        .get("/probe/recruiters-only")
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
    given()
        .header("Authorization", "Bearer " + TestTokens.unsigned("x", "recruiter"))
        .get("/probe/recruiters-only")
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
    given()
        .header("Authorization", "Bearer " + TestTokens.expired("x", "recruiter"))
        .get("/probe/recruiters-only")
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
    given()
        .header("Authorization", "Bearer " + TestTokens.wrongIssuer("x", "recruiter"))
        .get("/probe/recruiters-only")
        .then()
        .statusCode(401)
        .contentType(PROBLEM);
    given()
        .header("Authorization", TestTokens.integration())
        .get("/probe/recruiters-only")
        .then()
        .statusCode(403)
        .contentType(PROBLEM);
    given()
        .header("Authorization", TestTokens.recruiter())
        .get("/probe/recruiters-only")
        .then()
        .statusCode(200);
  }

  @Test
  void shouldRenderServiceLayerViolationsLikeBeanValidationOnesSortedByField() {
    given()
        .get("/probe/invalid")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("type", equalTo("https://ats.dev/problems/validation"))
        .body("violations.field", org.hamcrest.Matchers.contains("answers.a", "answers.z"))
        .body("detail", equalTo("answers.a: must be answered; answers.z: must be true"));
  }

  @Test
  void shouldHideDefectDetailsBehindRequestId() {
    given()
        .header("X-Request-Id", "req-123")
        .get("/probe/defect")
        .then()
        .statusCode(500)
        .contentType(PROBLEM)
        .header("X-Request-Id", "req-123")
        .body("requestId", equalTo("req-123"))
        .body("detail", not(containsString("secret")));
  }

  @Test
  void shouldGenerateRequestIdWhenNoneOrGarbageSent() {
    given().get("/probe/page").then().statusCode(200).header("X-Request-Id", notNullValue());
    given()
        .header("X-Request-Id", "bad id with spaces\u00e9")
        .get("/probe/page")
        .then()
        .header("X-Request-Id", not(containsString(" ")));
  }

  @Test
  void shouldRejectForeignCursorAndOutOfRangeLimit() {
    given()
        .queryParam("cursor", "garbage!")
        .get("/probe/page")
        .then()
        .statusCode(400)
        .contentType(PROBLEM);
    given().queryParam("cursor", Cursors.encode("a")).get("/probe/page").then().statusCode(400);
    given().queryParam("limit", 0).get("/probe/page").then().statusCode(400).contentType(PROBLEM);
    given().queryParam("limit", 101).get("/probe/page").then().statusCode(400);
    given()
        .queryParam("limit", "ten")
        .get("/probe/page")
        .then()
        .statusCode(400)
        .contentType(PROBLEM)
        .body("detail", equalTo("limit: cannot read 'ten' as a whole number"))
        .body("violations[0].field", equalTo("limit"));
    given()
        .queryParam("cursor", Cursors.encode("2026-01-01T00:00:00Z", "id-1"))
        .get("/probe/page")
        .then()
        .statusCode(200)
        .body("[1]", equalTo("id-1"));
  }
}
