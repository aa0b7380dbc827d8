package dev.ats.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.ats.infra.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Services that are down or slow: the caller hears so quickly, and other routes keep working. */
@QuarkusTest
class UpstreamFailureTest {

  @BeforeEach
  void clear() {
    ServiceStubs.clear();
  }

  @AfterEach
  void restart() {
    ServiceStubs.NAMES.forEach(ServiceStubs::start);
  }

  @Test
  void shouldAnswer502WhenServiceDownWhileOtherRoutesStillAnswer() {
    ServiceStubs.stop("notifications");

    given()
        .config(Clients.patience(10))
        .header("Authorization", TestTokens.recruiter())
        .header("X-Request-Id", "down-1")
        .get("/api/v1/notifications")
        .then()
        .statusCode(502)
        .contentType("application/problem+json")
        .body("type", equalTo("https://ats.dev/problems/bad-gateway"))
        .body("title", equalTo("Bad Gateway"))
        .body("status", equalTo(502))
        .body("detail", containsString("notifications"))
        .body("instance", equalTo("/api/v1/notifications"))
        .body("requestId", equalTo("down-1"));

    given().config(Clients.patience(10)).get("/api/v1/roles").then().statusCode(200);
    given()
        .config(Clients.patience(10))
        .header("Authorization", TestTokens.recruiter())
        .get("/api/v1/applications")
        .then()
        .statusCode(200);
  }

  @Test
  void shouldAnswerAgainOnceTheServiceIsBack() {
    ServiceStubs.stop("roles");
    given().config(Clients.patience(10)).get("/api/v1/roles").then().statusCode(502);

    ServiceStubs.start("roles");

    given().config(Clients.patience(10)).get("/api/v1/roles").then().statusCode(200);
  }

  @Test
  void shouldAnswer504WhenServiceTooSlowWhileOtherRoutesStillAnswer() throws Exception {
    CompletableFuture<Response> slow =
        CompletableFuture.supplyAsync(
            () ->
                given()
                    .config(Clients.patience(20))
                    .header("Authorization", TestTokens.recruiter())
                    .get("/api/v1/applications/slow"));

    // While the slow one waits at its service, the others answer.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> ServiceStubs.received().stream().anyMatch(r -> r.uri().endsWith("/slow")));
    given().config(Clients.patience(10)).get("/api/v1/roles").then().statusCode(200);
    given()
        .config(Clients.patience(10))
        .header("Authorization", TestTokens.recruiter())
        .get("/api/v1/notifications")
        .then()
        .statusCode(200);

    slow.get(30, TimeUnit.SECONDS)
        .then()
        .statusCode(504)
        .contentType("application/problem+json")
        .body("type", equalTo("https://ats.dev/problems/gateway-timeout"))
        .body("title", equalTo("Gateway Timeout"))
        .body("detail", containsString("applications"))
        .body("instance", equalTo("/api/v1/applications/slow"));
  }

  @Test
  void shouldRefuseABodyOver1MbWith413ProblemWithoutForwardingIt() {
    byte[] twoMegabytes = new byte[2 * 1024 * 1024];

    given()
        .config(Clients.patience(20))
        .contentType("application/json")
        .body(twoMegabytes)
        .post("/api/v1/applications")
        .then()
        .statusCode(413)
        .contentType("application/problem+json")
        .body("type", equalTo("https://ats.dev/problems/content-too-large"))
        .body("status", equalTo(413))
        .body("instance", equalTo("/api/v1/applications"));

    assertThat(ServiceStubs.received()).isEmpty();
  }
}
