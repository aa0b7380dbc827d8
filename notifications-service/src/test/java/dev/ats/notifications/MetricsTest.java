package dev.ats.notifications;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ats.infra.test.PrometheusText;
import dev.ats.notifications.Fixtures.Application;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** notifications-service's own metrics at /q/metrics, with the labels its README documents. */
@QuarkusTest
class MetricsTest {

  @Test
  void shouldShowMessagesByStatusAttemptsByOutcomeAndEventsConsumed() {
    Application ada = Application.of("Ada", "Software Engineer - Intern");
    Fixtures.submitted(ada, "ELIGIBLE");
    Fixtures.awaitMail(ada.email(), 1);

    await()
        .atMost(Fixtures.PATIENCE)
        .untilAsserted(
            () -> {
              PrometheusText metrics = scrape();
              assertThat(metrics.value("ats_notifications", "status", "SENT"))
                  .hasValueSatisfying(n -> assertThat(n).isGreaterThanOrEqualTo(1));
              assertThat(metrics.value("ats_notifications", "status", "FAILED")).isPresent();
              assertThat(metrics.value("ats_notifications", "status", "PENDING")).isPresent();
              assertThat(metrics.value("ats_notifications", "status", "CANCELLED")).isPresent();
              assertThat(
                      metrics.value("ats_notifications_delivery_attempts_total", "outcome", "SENT"))
                  .hasValueSatisfying(n -> assertThat(n).isGreaterThanOrEqualTo(1));
              assertThat(
                      metrics.value(
                          "ats_events_consumed_total",
                          "consumer",
                          "notifications-service",
                          "type",
                          "dev.ats.application.submitted.v1",
                          "outcome",
                          "applied"))
                  .hasValueSatisfying(n -> assertThat(n).isGreaterThanOrEqualTo(1));
              assertThat(
                      metrics.samples(
                          "kafka_consumer_fetch_manager_records_lag",
                          "topic",
                          "applications.events"))
                  .isNotEmpty()
                  .allSatisfy(s -> assertThat(s.labels()).containsKey("partition"));
              assertThat(metrics.value("ats_outbox_pending")).isPresent();
              assertThat(metrics.value("ats_outbox_oldest_age_seconds")).isPresent();
            });
  }

  private static PrometheusText scrape() {
    return PrometheusText.parse(
        given().get("/q/metrics").then().statusCode(200).extract().asString());
  }
}
