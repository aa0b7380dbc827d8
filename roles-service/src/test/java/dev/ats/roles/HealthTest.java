package dev.ats.roles;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;
import static org.hamcrest.Matchers.not;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthTest {

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

  @Test
  void shouldLeaveKafkaOutOfReadinessButNotOutOfLiveness() {
    given()
        .get("/q/health/ready")
        .then()
        .statusCode(200)
        .body(not(containsString("applications-events")));
    given().get("/q/health/live").then().body(containsString("applications-events"));
  }
}
