package dev.ats.applications;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ats.infra.test.PrometheusText;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** applications-service's own metrics at /q/metrics, with the labels its README documents. */
@QuarkusTest
class MetricsTest {

  @Inject EntityManager em;

  @Test
  void shouldCountUndecidedApplicationsPastTheirRolesRespondByDate() {
    UUID roleId = Fixtures.openRole(1);
    double before = scrape().value("ats_applications_undecided_past_respond_by").orElse(0.0);
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "update role_copy set respond_by = '2000-01-01' where role_id = :id")
                    .setParameter("id", roleId)
                    .executeUpdate());
    Fixtures.submitEligible(roleId);

    await()
        .atMost(Fixtures.WAIT)
        .untilAsserted(
            () ->
                assertThat(scrape().value("ats_applications_undecided_past_respond_by"))
                    .hasValueSatisfying(n -> assertThat(n).isGreaterThanOrEqualTo(before + 1)));
  }

  @Test
  void shouldShowOutboxPublishedAndConsumedEventsWithTheirLabels() {
    UUID roleId = Fixtures.openRole(1);
    Fixtures.submitEligible(roleId);

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
                          "applications.events",
                          "type",
                          "dev.ats.application.submitted.v1"))
                  .hasValueSatisfying(n -> assertThat(n).isGreaterThanOrEqualTo(1));
              assertThat(
                      metrics.value(
                          "ats_events_consumed_total",
                          "consumer",
                          "applications-service.roles",
                          "type",
                          "dev.ats.role.opened.v1",
                          "outcome",
                          "applied"))
                  .hasValueSatisfying(n -> assertThat(n).isGreaterThanOrEqualTo(1));
              assertThat(
                      metrics.samples(
                          "kafka_consumer_fetch_manager_records_lag", "topic", "roles.events"))
                  .isNotEmpty();
              assertThat(metrics.names())
                  .anyMatch(name -> name.startsWith("http_server_requests_seconds"))
                  .contains("agroal_active_count", "jvm_memory_used_bytes");
            });
  }

  private static PrometheusText scrape() {
    return PrometheusText.parse(
        given().get("/q/metrics").then().statusCode(200).extract().asString());
  }
}
