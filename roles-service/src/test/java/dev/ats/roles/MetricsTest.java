package dev.ats.roles;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ats.infra.test.PrometheusText;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

/** roles-service's own metrics at /q/metrics, with the labels its README documents. */
@QuarkusTest
class MetricsTest {

  @Test
  void shouldShowOutboxPublishedEventsAndTheHiresConsumerWithTheirLabels() {
    Fixtures.openRole("Metrics", 1);

    await()
        .atMost(Fixtures.WAIT)
        .untilAsserted(
            () -> {
              PrometheusText metrics = scrape();
              assertThat(metrics.value("ats_outbox_pending")).isPresent();
              assertThat(metrics.value("ats_outbox_oldest_age_seconds")).isPresent();
              assertThat(
                      metrics.value(
                          "ats_events_published_total",
                          "topic",
                          "roles.events",
                          "type",
                          "dev.ats.role.opened.v1"))
                  .hasValueSatisfying(n -> assertThat(n).isGreaterThanOrEqualTo(1));
              assertThat(
                      metrics.samples(
                          "kafka_consumer_fetch_manager_records_lag",
                          "topic",
                          "applications.events"))
                  .isNotEmpty();
              assertThat(metrics.names())
                  .anyMatch(name -> name.startsWith("http_server_requests_seconds"));
            });
  }

  private static PrometheusText scrape() {
    return PrometheusText.parse(
        given().get("/q/metrics").then().statusCode(200).extract().asString());
  }
}
