package dev.ats.roles;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.ats.infra.test.HealthSpec;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class HealthTest extends HealthSpec {

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
