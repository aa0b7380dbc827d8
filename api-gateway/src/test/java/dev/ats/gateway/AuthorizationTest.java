package dev.ats.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;

import dev.ats.infra.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.specification.RequestSpecification;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The authorisation matrix of the README, row by row: 200 means the request reached its service (a
 * stub that answers 200), 401 and 403 that the gateway refused it with a problem and forwarded
 * nothing.
 */
@QuarkusTest
class AuthorizationTest {

  @BeforeEach
  void clear() {
    ServiceStubs.clear();
  }

  @ParameterizedTest(name = "{1} {2} (application token: {3}) as {0} -> {4}")
  @CsvSource({
    // roles: anyone reads the list and one role (the service shows anonymous callers OPEN ones)
    "anonymous,      GET,    /api/v1/roles,                          false, 200",
    "recruiter,      GET,    /api/v1/roles,                          false, 200",
    "hiring-manager, GET,    /api/v1/roles,                          false, 200",
    "integration,    GET,    /api/v1/roles,                          false, 200",
    "anonymous,      GET,    /api/v1/roles/r-1,                      false, 200",
    "integration,    GET,    /api/v1/roles/r-1,                      false, 200",
    "anonymous,      GET,    /api/v1/roles/r-1/history,              false, 401",
    "recruiter,      GET,    /api/v1/roles/r-1/history,              false, 200",
    "hiring-manager, GET,    /api/v1/roles/r-1/history,              false, 200",
    "integration,    GET,    /api/v1/roles/r-1/history,              false, 200",
    "anonymous,      POST,   /api/v1/roles,                          false, 401",
    "recruiter,      POST,   /api/v1/roles,                          false, 200",
    "hiring-manager, POST,   /api/v1/roles,                          false, 403",
    "integration,    POST,   /api/v1/roles,                          false, 403",
    "anonymous,      PUT,    /api/v1/roles/r-1,                      false, 401",
    "recruiter,      PUT,    /api/v1/roles/r-1,                      false, 200",
    "hiring-manager, PUT,    /api/v1/roles/r-1,                      false, 403",
    "integration,    POST,   /api/v1/roles/r-1/close,                false, 403",
    "recruiter,      POST,   /api/v1/roles/r-1/close,                false, 200",
    // a role's pipeline counts are applications-service's: recruiters, hiring managers,
    // integrations
    "anonymous,      GET,    /api/v1/roles/r-1/pipeline,             false, 401",
    "recruiter,      GET,    /api/v1/roles/r-1/pipeline,             false, 200",
    "hiring-manager, GET,    /api/v1/roles/r-1/pipeline,             false, 200",
    "integration,    GET,    /api/v1/roles/r-1/pipeline,             false, 200",
    // reports (applications-service): recruiters and integrations
    "anonymous,      GET,    /api/v1/reports/funnel,                 false, 401",
    "recruiter,      GET,    /api/v1/reports/funnel,                 false, 200",
    "integration,    GET,    /api/v1/reports/time-to-hire,           false, 200",
    "hiring-manager, GET,    /api/v1/reports/funnel,                 false, 403",
    "integration,    POST,   /api/v1/reports/funnel,                 false, 403",
    // documents (issue 13): anyone uploads; staff, or the candidate with the token, read them
    "anonymous,      POST,   /api/v1/documents,                      false, 200",
    "anonymous,      GET,    /api/v1/documents,                      false, 401",
    "anonymous,      GET,    /api/v1/applications/a-1/documents,     false, 401",
    "anonymous,      GET,    /api/v1/applications/a-1/documents,     true,  200",
    "anonymous,      GET,    /api/v1/applications/a-1/documents/d-1, true,  200",
    "anonymous,      GET,    /api/v1/applications/a-1/notes/d-1,     true,  401",
    "hiring-manager, GET,    /api/v1/applications/a-1/documents/d-1, false, 200",
    "recruiter,      GET,    /api/v1/applications/a-1/documents,     false, 200",
    // applications: anyone submits; a candidate acts on one application with its token
    "anonymous,      POST,   /api/v1/applications,                   false, 200",
    "integration,    POST,   /api/v1/applications,                   false, 200",
    "anonymous,      GET,    /api/v1/applications,                   false, 401",
    "recruiter,      GET,    /api/v1/applications,                   false, 200",
    "hiring-manager, GET,    /api/v1/applications,                   false, 200",
    "integration,    GET,    /api/v1/applications,                   false, 200",
    "anonymous,      GET,    /api/v1/applications/a-1,               false, 401",
    "anonymous,      GET,    /api/v1/applications/a-1,               true,  200",
    "hiring-manager, GET,    /api/v1/applications/a-1/evaluations,   false, 200",
    "anonymous,      GET,    /api/v1/applications/a-1/notes,         true,  401",
    "anonymous,      POST,   /api/v1/applications/a-1/withdraw,      false, 401",
    "anonymous,      POST,   /api/v1/applications/a-1/withdraw,      true,  200",
    "recruiter,      POST,   /api/v1/applications/a-1/withdraw,      false, 200",
    "hiring-manager, POST,   /api/v1/applications/a-1/withdraw,      false, 403",
    "anonymous,      POST,   /api/v1/applications/a-1/notes,         false, 401",
    "recruiter,      POST,   /api/v1/applications/a-1/notes,         false, 200",
    "hiring-manager, POST,   /api/v1/applications/a-1/notes,         false, 200",
    "integration,    POST,   /api/v1/applications/a-1/notes,         false, 403",
    "hiring-manager, POST,   /api/v1/applications/a-1/evaluations,   false, 200",
    "integration,    POST,   /api/v1/applications/a-1/evaluations,   false, 403",
    "anonymous,      POST,   /api/v1/applications/a-1/stage,         true,  401",
    "recruiter,      POST,   /api/v1/applications/a-1/stage,         false, 200",
    "hiring-manager, POST,   /api/v1/applications/a-1/stage,         false, 403",
    "hiring-manager, DELETE, /api/v1/applications/a-1/notes/n-1,     false, 403",
    // candidates: personal data, recruiters only
    "anonymous,      DELETE, /api/v1/candidates/c-1,                 false, 401",
    "recruiter,      DELETE, /api/v1/candidates/c-1,                 false, 200",
    "hiring-manager, DELETE, /api/v1/candidates/c-1,                 false, 403",
    "integration,    DELETE, /api/v1/candidates/c-1,                 false, 403",
    "integration,    GET,    /api/v1/candidates/c-1,                 false, 403",
    // notifications: recruiters, and integrations read
    "anonymous,      GET,    /api/v1/notifications,                  false, 401",
    "recruiter,      GET,    /api/v1/notifications,                  false, 200",
    "hiring-manager, GET,    /api/v1/notifications,                  false, 403",
    "integration,    GET,    /api/v1/notifications,                  false, 200",
    "recruiter,      POST,   /api/v1/notifications/n-1/retry,        false, 200",
    "integration,    POST,   /api/v1/notifications/n-1/retry,        false, 403",
  })
  void shouldApplyTheAuthorisationMatrix(
      String caller, String method, String path, boolean applicationToken, int expected) {
    String requestId = UUID.randomUUID().toString();
    RequestSpecification request = given().header("X-Request-Id", requestId).body("{}");
    String token =
        switch (caller) {
          case "recruiter" -> TestTokens.recruiter();
          case "hiring-manager" -> TestTokens.hiringManager();
          case "integration" -> TestTokens.integration();
          default -> null;
        };
    if (token != null) {
      request.header("Authorization", token);
    }
    if (applicationToken) {
      request.header("X-Application-Token", "candidate-secret");
    }

    var response = request.contentType("application/json").request(method, path).then();

    response.statusCode(expected);
    if (expected == 200) {
      response.header(
          "X-Stub",
          path.contains("/pipeline") || path.contains("/reports")
              ? "applications"
              : ServiceStubs.NAMES.stream()
                  .filter(path::contains)
                  .findFirst()
                  .orElse("applications"));
      assertThat(ServiceStubs.receivedWithId(requestId)).hasSize(1);
    } else {
      response
          .spec(
              expected == 401
                  ? Fixtures.problem(401, "unauthorized", "Unauthorized")
                  : Fixtures.problem(403, "forbidden", "Forbidden"))
          .body("instance", equalTo(path))
          .body("requestId", equalTo(requestId));
      assertThat(ServiceStubs.received()).isEmpty();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"forged", "expired", "unsigned", "wrongIssuer", "garbage", "notBearer", "empty"})
  void shouldRefuseABadTokenWith401EvenWhereAnonymousCallersAreLetIn(String kind) {
    String token =
        switch (kind) {
          case "forged" -> TestTokens.forged("mallory", "recruiter");
          case "expired" -> TestTokens.expired("rita.recruiter@ats.test", "recruiter");
          case "unsigned" -> TestTokens.unsigned("mallory", "recruiter");
          case "wrongIssuer" -> TestTokens.wrongIssuer("mallory", "recruiter");
          case "garbage" -> "not.a.jwt";
          default -> null;
        };
    String authorization =
        switch (kind) {
          // a token without its scheme is not ignored (the caller would be served as anonymous)
          case "notBearer" -> TestTokens.forged("mallory", "recruiter");
          case "empty" -> "Bearer ";
          default -> "Bearer " + token;
        };
    for (String[] call :
        new String[][] {
          {"GET", "/api/v1/roles"},
          {"POST", "/api/v1/roles"},
          {"GET", "/api/v1/notifications"},
          {"POST", "/api/v1/applications"}
        }) {
      given()
          .header("Authorization", authorization)
          .request(call[0], call[1])
          .then()
          .spec(Fixtures.problem(401, "unauthorized", "Unauthorized"))
          .header("WWW-Authenticate", "Bearer")
          .body("instance", equalTo(call[1]));
    }
    assertThat(ServiceStubs.received()).isEmpty();
  }

  @Test
  void shouldRefuseForgedAndTamperedTokensWhileTheGenuineOneIsRemembered() {
    String genuine = TestTokens.token("rita.recruiter@ats.test", "recruiter");
    for (int i = 0; i < 3; i++) { // verified on the first, remembered for the others
      given()
          .header("Authorization", "Bearer " + genuine)
          .post("/api/v1/roles")
          .then()
          .statusCode(200);
    }
    String[] parts = genuine.split("\\.");
    String tampered =
        parts[0]
            + "."
            + java.util.Base64.getUrlEncoder()
                .withoutPadding()
                .encodeToString(
                    "{\"sub\":\"mallory\",\"groups\":[\"recruiter\"],\"iss\":\"https://ats.test\"}"
                        .getBytes(java.nio.charset.StandardCharsets.UTF_8))
            + "."
            + parts[2];
    for (String bad :
        List.of(
            TestTokens.forged("rita.recruiter@ats.test", "recruiter"), tampered, genuine + "x")) {
      given()
          .header("Authorization", "Bearer " + bad)
          .post("/api/v1/roles")
          .then()
          .spec(Fixtures.problem(401, "unauthorized", "Unauthorized"));
    }
    given()
        .header("Authorization", "Bearer " + genuine)
        .post("/api/v1/roles")
        .then()
        .statusCode(200);
    assertThat(ServiceStubs.received()).hasSize(4);
  }

  @Test
  void shouldRefuseAValidTokenWithoutAKnownGroupWith403() {
    given()
        .header("Authorization", TestTokens.bearer("someone@ats.test", "candidate"))
        .get("/api/v1/applications")
        .then()
        .spec(Fixtures.problem(403, "forbidden", "Forbidden"));
    assertThat(ServiceStubs.received()).isEmpty();
  }
}
