package dev.ats.notifications;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import dev.ats.infra.test.TestTokens;
import io.restassured.path.json.JsonPath;
import jakarta.mail.internet.MimeMessage;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Reads notifications through the service's own API, as a recruiter. */
final class Api {

  static final Duration PATIENCE = Duration.ofSeconds(60);

  private Api() {}

  /** Every notification of one application (newest first). */
  static List<Map<String, Object>> notificationsOf(UUID applicationId) {
    return given()
        .header("Authorization", TestTokens.recruiter())
        .queryParam("applicationId", applicationId)
        .queryParam("limit", 100)
        .get("/api/v1/notifications")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items");
  }

  static List<String> typesOf(UUID applicationId) {
    return notificationsOf(applicationId).stream()
        .map(n -> (String) n.get("type"))
        .sorted()
        .toList();
  }

  static JsonPath detail(Object id) {
    return given()
        .header("Authorization", TestTokens.recruiter())
        .get("/api/v1/notifications/{id}", id)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** Waits until the SMTP server received {@code count} messages for {@code address}. */
  static List<MimeMessage> awaitMail(String address, int count) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> TestSmtp.messagesTo(address).size() >= count);
    return TestSmtp.messagesTo(address);
  }

  /** Waits until the application has notifications of exactly these types (sorted), all SENT. */
  static void awaitSent(UUID applicationId, String... types) {
    List<String> expected = List.of(types).stream().sorted().toList();
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              List<Map<String, Object>> all = notificationsOf(applicationId);
              return all.stream()
                      .map(n -> (String) n.get("type"))
                      .sorted()
                      .toList()
                      .equals(expected)
                  && all.stream().allMatch(n -> "SENT".equals(n.get("status")));
            });
  }
}
