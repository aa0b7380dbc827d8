package dev.ats.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.jboss.logmanager.ExtLogRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Every request leaves one access line, logged with its request id (the log format's %X). */
@QuarkusTest
class AccessLogTest {

  private final Logger access = Logger.getLogger("dev.ats.gateway.access");
  private final List<ExtLogRecord> records = new CopyOnWriteArrayList<>();
  private final Handler capture =
      new Handler() {
        @Override
        public void publish(LogRecord record) {
          if (record instanceof ExtLogRecord ext) {
            ext.copyAll();
            records.add(ext);
          }
        }

        @Override
        public void flush() {}

        @Override
        public void close() {}
      };

  @BeforeEach
  void listen() {
    access.addHandler(capture);
  }

  @AfterEach
  void stop() {
    access.removeHandler(capture);
  }

  @Test
  void shouldLogEachRequestWithItsRequestId() {
    given().header("X-Request-Id", "logged-1").get("/api/v1/roles?x=1").then().statusCode(200);

    assertLogged("logged-1", "GET /api/v1/roles?x=1 -> 200");
  }

  @Test
  void shouldLogRefusedRequestsWithTheGeneratedRequestId() {
    String id =
        given()
            .get("/api/v1/notifications")
            .then()
            .statusCode(401)
            .extract()
            .header("X-Request-Id");

    assertLogged(id, "GET /api/v1/notifications -> 401");
  }

  /** An access line that starts with {@code line}, logged with {@code requestId} in its MDC. */
  private void assertLogged(String requestId, String line) {
    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () ->
                assertThat(records)
                    .anySatisfy(
                        r -> {
                          assertThat(r.getMdc("requestId")).isEqualTo(requestId);
                          assertThat(r.getFormattedMessage()).startsWith(line);
                        }));
  }
}
