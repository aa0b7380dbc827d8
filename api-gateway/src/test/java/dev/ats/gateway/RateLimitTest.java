package dev.ats.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.infra.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.response.Response;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

@QuarkusTest
@TestProfile(RateLimitTest.SmallLimits.class)
class RateLimitTest {

  /** Small limits that do not refill during a test. */
  public static class SmallLimits implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "ats.gateway.rate-limit.authenticated-limit", "3",
          "ats.gateway.rate-limit.authenticated-period", "1h",
          "ats.gateway.rate-limit.anonymous-limit", "5",
          "ats.gateway.rate-limit.anonymous-period", "1h",
          "ats.gateway.rate-limit.anonymous-submit-limit", "2",
          "ats.gateway.rate-limit.anonymous-submit-period", "1h");
    }
  }

  @Test
  void shouldCountEachTokenSubjectAndAnswer429WithRetryAfter() {
    String rita = TestTokens.bearer("rita-" + UUID.randomUUID(), "recruiter");
    String requestId = UUID.randomUUID().toString();

    for (int remaining = 2; remaining >= 0; remaining--) {
      Response ok =
          given()
              .header("Authorization", rita)
              .header("X-Request-Id", requestId)
              .get("/api/v1/roles");
      ok.then()
          .statusCode(200)
          .header("RateLimit-Limit", "3")
          .header("RateLimit-Remaining", Integer.toString(remaining));
      assertThat(Long.parseLong(ok.header("RateLimit-Reset"))).isBetween(1L, 3600L);
    }
    Response refused =
        given()
            .header("Authorization", rita)
            .header("X-Request-Id", requestId)
            .get("/api/v1/roles");

    refused
        .then()
        .spec(Fixtures.problem(429, "rate-limited", "Too Many Requests"))
        .header("RateLimit-Limit", "3")
        .header("RateLimit-Remaining", "0");
    assertThat(Long.parseLong(refused.header("Retry-After"))).isBetween(1L, 3600L);
    assertThat(ServiceStubs.receivedWithId(requestId)).hasSize(3);

    // Another caller has a bucket of its own.
    given()
        .header("Authorization", TestTokens.bearer("rita-" + UUID.randomUUID(), "recruiter"))
        .get("/api/v1/roles")
        .then()
        .statusCode(200)
        .header("RateLimit-Remaining", "2");
  }

  @Test
  void shouldLimitAnonymousSubmitsMoreStrictlyThanAnonymousReads() {
    for (int remaining = 1; remaining >= 0; remaining--) {
      given()
          .contentType("application/json")
          .body("{}")
          .post("/api/v1/applications")
          .then()
          .statusCode(200)
          .header("RateLimit-Limit", "2")
          .header("RateLimit-Remaining", Integer.toString(remaining));
    }
    given()
        .contentType("application/json")
        .body("{}")
        .post("/api/v1/applications")
        .then()
        .statusCode(429)
        .header("Retry-After", org.hamcrest.Matchers.notNullValue());

    // Reading roles anonymously counts against the (larger) anonymous bucket.
    given().get("/api/v1/roles").then().statusCode(200).header("RateLimit-Limit", "5");
  }
}
