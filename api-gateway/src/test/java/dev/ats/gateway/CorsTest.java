package dev.ats.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.nullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** CORS for the configured frontend origin (https://careers.ats.test in tests), and no other. */
@QuarkusTest
class CorsTest {

  private static final String FRONTEND = "https://careers.ats.test";

  @BeforeEach
  void clear() {
    ServiceStubs.clear();
  }

  @Test
  void shouldAllowAPreflightFromAConfiguredOrigin() {
    given()
        .header("Origin", FRONTEND)
        .header("Access-Control-Request-Method", "POST")
        .header("Access-Control-Request-Headers", "content-type,x-application-token")
        .options("/api/v1/applications")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", FRONTEND)
        .header("Access-Control-Allow-Methods", containsString("POST"))
        .header("Access-Control-Allow-Headers", containsString("X-Application-Token"));
    assertThat(ServiceStubs.received()).as("a preflight is answered by the gateway").isEmpty();
  }

  @Test
  void shouldRefuseAPreflightFromAnotherOrigin() {
    given()
        .header("Origin", "https://evil.example")
        .header("Access-Control-Request-Method", "POST")
        .options("/api/v1/applications")
        .then()
        .statusCode(403)
        .header("Access-Control-Allow-Origin", nullValue());
    assertThat(ServiceStubs.received()).isEmpty();
  }

  @Test
  void shouldLetTheConfiguredOriginReadProxiedResponsesAndTheirHeaders() {
    given()
        .header("Origin", FRONTEND)
        .get("/api/v1/roles")
        .then()
        .statusCode(200)
        .header("Access-Control-Allow-Origin", equalTo(FRONTEND))
        .header("Access-Control-Expose-Headers", containsString("X-Request-Id"))
        .header("Access-Control-Expose-Headers", containsString("RateLimit-Remaining"));
  }
}
