package dev.ats.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.infra.test.PrometheusText;
import dev.ats.infra.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** The gateway's own metrics at /q/metrics, with the labels the README documents. */
@QuarkusTest
@TestProfile(GatewayMetricsTest.OneAnonymousSubmit.class)
class GatewayMetricsTest {

  public static class OneAnonymousSubmit implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "ats.gateway.rate-limit.anonymous-submit-limit", "1",
          "ats.gateway.rate-limit.anonymous-submit-period", "1h");
    }
  }

  @Test
  void shouldCountRequestsByFamilyStatusAndPlanAndTimeTheUpstream() {
    String roleId = UUID.randomUUID().toString();
    given()
        .header("Authorization", TestTokens.bearer("rita", "recruiter"))
        .get("/api/v1/roles/" + roleId)
        .then()
        .statusCode(200);
    given().get("/api/v1/nothing-here").then().statusCode(404);

    PrometheusText metrics = scrape();

    assertThat(
            metrics.value(
                "ats_gateway_requests_total",
                "family",
                "roles",
                "status",
                "200",
                "plan",
                "authenticated"))
        .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
    assertThat(
            metrics.value(
                "ats_gateway_requests_total", "family", "other", "status", "404", "plan", "none"))
        .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
    assertThat(
            metrics.value(
                "ats_gateway_upstream_seconds_count", "service", "roles", "status", "200"))
        .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
    assertThat(metrics.samples("ats_gateway_upstream_seconds_bucket", "service", "roles"))
        .isNotEmpty();
    // Paths are not labels: one id per request would make a series each.
    assertThat(metrics.names()).anyMatch(name -> name.startsWith("http_server_requests_seconds"));
    assertThat(metrics.samples("http_server_requests_seconds_count"))
        .noneMatch(sample -> sample.labels().values().stream().anyMatch(v -> v.contains(roleId)));
  }

  @Test
  void shouldCountRateLimitRefusalsByPlan() {
    for (int i = 0; i < 2; i++) {
      given().contentType("application/json").body("{}").post("/api/v1/applications");
    }

    PrometheusText metrics = scrape();

    assertThat(metrics.value("ats_gateway_rate_limit_refusals_total", "plan", "anonymous_submit"))
        .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
    assertThat(
            metrics.value(
                "ats_gateway_requests_total",
                "family",
                "applications",
                "status",
                "429",
                "plan",
                "anonymous_submit"))
        .hasValueSatisfying(count -> assertThat(count).isGreaterThanOrEqualTo(1));
  }

  private static PrometheusText scrape() {
    return PrometheusText.parse(
        given().get("/q/metrics").then().statusCode(200).extract().asString());
  }
}
