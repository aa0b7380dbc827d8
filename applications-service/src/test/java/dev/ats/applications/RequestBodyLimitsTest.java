package dev.ats.applications;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.infra.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Bodies over their limit, refused by their declared length before they are read, answer the same
 * problem shape as every other error.
 */
@QuarkusTest
class RequestBodyLimitsTest {

  @Test
  void shouldRefuseAnUploadOverTheDocumentLimitWithTheDocumentProblem() {
    byte[] body = new byte[10 * 1024 * 1024 + 65 * 1024 + 1];
    JsonPath problem =
        given()
            .header("X-Request-Id", "limits-upload-1")
            .contentType("multipart/form-data; boundary=x")
            .body(body)
            .post("/api/v1/documents")
            .then()
            .statusCode(413)
            .contentType("application/problem+json")
            .header("X-Request-Id", "limits-upload-1")
            .extract()
            .jsonPath();
    assertThat(problem.getMap("$"))
        .containsEntry("type", "https://ats.dev/problems/content-too-large")
        .containsEntry("title", "Document too large")
        .containsEntry("status", 413)
        .containsEntry("instance", "/api/v1/documents")
        .containsEntry("requestId", "limits-upload-1")
        .containsEntry("maxBytes", 10485760)
        .containsKey("detail");
    assertThat(problem.getMap("$").keySet()).containsAll(membersOfAnotherProblem());
  }

  @Test
  void shouldRefuseAnyOtherBodyOverOneMebibyteWithTheSameShape() {
    Map<String, Object> problem =
        given()
            .contentType("application/json")
            .body(new byte[1024 * 1024 + 1])
            .post("/api/v1/applications")
            .then()
            .statusCode(413)
            .contentType("application/problem+json")
            .extract()
            .jsonPath()
            .getMap("$");
    assertThat(problem)
        .containsEntry("type", "https://ats.dev/problems/content-too-large")
        .containsEntry("title", "Content Too Large")
        .containsEntry("instance", "/api/v1/applications")
        .containsEntry("detail", "Request bodies are limited to 1048576 bytes");
    assertThat(problem.keySet()).containsAll(membersOfAnotherProblem());
  }

  /** A problem the JAX-RS mappers answer: a 404's members. */
  private static java.util.Set<String> membersOfAnotherProblem() {
    return given()
        .header("Authorization", TestTokens.recruiter())
        .get("/api/v1/applications/" + UUID.randomUUID())
        .then()
        .statusCode(404)
        .extract()
        .jsonPath()
        .getMap("$")
        .keySet()
        .stream()
        .map(Object::toString)
        .collect(java.util.stream.Collectors.toSet());
  }
}
