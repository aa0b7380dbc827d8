package dev.ats.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;

import dev.ats.infra.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
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
        .config(Fixtures.patience(10))
        .header("Authorization", TestTokens.recruiter())
        .header("X-Request-Id", "down-1")
        .get("/api/v1/notifications")
        .then()
        .spec(Fixtures.problem(502, "bad-gateway", "Bad Gateway"))
        .body("detail", containsString("notifications"))
        .body("instance", equalTo("/api/v1/notifications"))
        .body("requestId", equalTo("down-1"));

    assertTheOtherRoutesAnswer("notifications");
  }

  @Test
  void shouldAnswerAgainOnceTheServiceIsBack() {
    ServiceStubs.stop("roles");
    given().config(Fixtures.patience(10)).get("/api/v1/roles").then().statusCode(502);

    ServiceStubs.start("roles");

    given().config(Fixtures.patience(10)).get("/api/v1/roles").then().statusCode(200);
  }

  @Test
  void shouldAnswer504WhenServiceTooSlowWhileOtherRoutesStillAnswer() throws Exception {
    CompletableFuture<Response> slow =
        CompletableFuture.supplyAsync(
            () ->
                given()
                    .config(Fixtures.patience(20))
                    .header("Authorization", TestTokens.recruiter())
                    .get("/api/v1/applications/slow"));

    // While the slow one waits at its service, the others answer.
    await()
        .atMost(Duration.ofSeconds(60))
        .until(() -> ServiceStubs.received().stream().anyMatch(r -> r.uri().endsWith("/slow")));
    assertTheOtherRoutesAnswer("applications");

    slow.get(30, TimeUnit.SECONDS)
        .then()
        .spec(Fixtures.problem(504, "gateway-timeout", "Gateway Timeout"))
        .body("detail", containsString("applications"))
        .body("instance", equalTo("/api/v1/applications/slow"));
  }

  @Test
  void shouldStreamADocumentUploadUpToTheDocumentsLimitAndRefuseABiggerOne() {
    byte[] fiveMegabytes = new byte[5 * 1024 * 1024];
    given()
        .config(Fixtures.patience(60))
        .multiPart("file", "cv.pdf", fiveMegabytes, "application/pdf")
        .post("/api/v1/documents")
        .then()
        .statusCode(200);
    assertThat(ServiceStubs.received()).hasSize(1);
    assertThat(ServiceStubs.received().get(0).body().length()).isGreaterThan(fiveMegabytes.length);

    ServiceStubs.clear();
    given()
        .config(Fixtures.patience(60))
        .multiPart("file", "cv.pdf", new byte[11 * 1024 * 1024], "application/pdf")
        .post("/api/v1/documents")
        .then()
        .spec(Fixtures.problem(413, "content-too-large", "Content Too Large"));
    assertThat(ServiceStubs.received()).isEmpty();
  }

  @Test
  void shouldLetTheCareersApplyFormCarryAResumeButNoOtherPagePost() {
    byte[] threeMegabytes = new byte[3 * 1024 * 1024];
    given()
        .config(Fixtures.patience(60))
        .multiPart("file", "cv.pdf", threeMegabytes, "application/pdf")
        .post("/careers/0b6f6a3e-5d43-4a8e-9a57-2f1f2f4c1d10")
        .then()
        .statusCode(200);
    assertThat(ServiceStubs.received()).hasSize(1);

    ServiceStubs.clear();
    given()
        .config(Fixtures.patience(60))
        .multiPart("file", "cv.pdf", threeMegabytes, "application/pdf")
        .post("/careers/applications/0b6f6a3e-5d43-4a8e-9a57-2f1f2f4c1d10/withdraw")
        .then()
        .spec(Fixtures.problem(413, "content-too-large", "Content Too Large"));
    assertThat(ServiceStubs.received()).isEmpty();
  }

  @Test
  void shouldRefuseABodyOver1MbWith413ProblemWithoutForwardingIt() {
    byte[] twoMegabytes = new byte[2 * 1024 * 1024];

    given()
        .config(Fixtures.patience(20))
        .contentType("application/json")
        .body(twoMegabytes)
        .post("/api/v1/applications")
        .then()
        .spec(Fixtures.problem(413, "content-too-large", "Content Too Large"))
        .body("instance", equalTo("/api/v1/applications"));

    assertThat(ServiceStubs.received()).isEmpty();
  }

  /** Every route but {@code down}'s answers: roles anonymously, the others as a recruiter. */
  private static void assertTheOtherRoutesAnswer(String down) {
    for (String service : ServiceStubs.NAMES) {
      if (service.equals(down)) {
        continue;
      }
      RequestSpecification request = given().config(Fixtures.patience(10));
      if (!service.equals("roles")) {
        request.header("Authorization", TestTokens.recruiter());
      }
      request.get("/api/v1/" + service).then().statusCode(200);
    }
  }
}
