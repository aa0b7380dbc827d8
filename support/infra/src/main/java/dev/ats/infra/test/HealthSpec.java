package dev.ats.infra.test;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import org.junit.jupiter.api.Test;

/**
 * What every service's health endpoints promise, the same for each: ready only with its database
 * up, live and started once running. A service's {@code HealthTest} extends it (annotated
 * {@code @QuarkusTest}) and adds what is its own.
 */
public abstract class HealthSpec {

  @Test
  void shouldReportReadyWithItsDatabaseUp() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body("status", equalTo("UP"))
        .body("checks.name", hasItem("Database connections health check"));
  }

  @Test
  void shouldReportLiveAndStarted() {
    given().get("/q/health/live").then().statusCode(200).body("status", equalTo("UP"));
    given().get("/q/health/started").then().statusCode(200).body("status", equalTo("UP"));
  }
}
