package dev.ats.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.gateway.ServiceStubs.Received;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Behind an ingress the gateway is told to trust ({@code quarkus.http.proxy.*}), the public origin
 * the ingress reports is the one the services are given, so their Location headers name it.
 */
@QuarkusTest
@TestProfile(TrustedProxyTest.BehindAnIngress.class)
class TrustedProxyTest {

  public static class BehindAnIngress implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.http.proxy.proxy-address-forwarding", "true",
          "quarkus.http.proxy.allow-x-forwarded", "true",
          "quarkus.http.proxy.enable-forwarded-host", "true",
          "quarkus.http.proxy.trusted-proxies", "127.0.0.1");
    }
  }

  @Test
  void shouldGiveTheServicesThePublicOriginATrustedProxyReports() {
    String requestId = UUID.randomUUID().toString();
    given()
        .header("X-Request-Id", requestId)
        .header("X-Forwarded-For", "203.0.113.9")
        .header("X-Forwarded-Host", "careers.example.org")
        .header("X-Forwarded-Proto", "https")
        .header("X-Forwarded-Port", "443")
        .get("/api/v1/roles")
        .then()
        .statusCode(200);

    Received got = ServiceStubs.receivedWithId(requestId).get(0);
    assertThat(got.header("X-Forwarded-Host")).isEqualTo("careers.example.org");
    assertThat(got.header("X-Forwarded-Proto")).isEqualTo("https");
    assertThat(got.header("X-Forwarded-Port")).isEqualTo("443");
    assertThat(got.header("X-Forwarded-For")).isEqualTo("203.0.113.9");
  }
}
