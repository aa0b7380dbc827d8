package dev.ats.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.RestAssured;
import io.restassured.config.HttpClientConfig;
import io.restassured.specification.RequestSpecification;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The client address the anonymous limits count and the services are told: the peer's own, unless
 * the peer is a trusted proxy (web, an ingress), whose {@code X-Forwarded-For} names the visitor.
 * Here only 127.0.0.2 is trusted; the test client speaks from 127.0.0.1 (untrusted) or binds
 * 127.0.0.2 to act as web.
 */
@QuarkusTest
@TestProfile(ClientAddressTest.WebIsTheTrustedProxy.class)
class ClientAddressTest {

  public static class WebIsTheTrustedProxy implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.http.proxy.proxy-address-forwarding", "true",
          "quarkus.http.proxy.allow-x-forwarded", "true",
          "quarkus.http.proxy.trusted-proxies", "127.0.0.2",
          "ats.gateway.rate-limit.anonymous-submit-limit", "2",
          "ats.gateway.rate-limit.anonymous-submit-period", "1h");
    }
  }

  @Test
  void shouldGiveEachVisitorAProxyForwardsALimitOfTheirOwn() {
    // Two candidates on the careers page: web (127.0.0.2) submits for both, naming each one.
    String first = "198.51.100." + (1 + (int) (Math.random() * 100));
    String second = "198.51.100." + (101 + (int) (Math.random() * 100));
    String requestId = UUID.randomUUID().toString();
    for (int i = 0; i < 2; i++) {
      submit(fromWeb(), first, requestId).then().statusCode(200);
    }
    submit(fromWeb(), first, requestId).then().statusCode(429);

    submit(fromWeb(), second, requestId).then().statusCode(200);

    assertThat(ServiceStubs.receivedWithId(requestId))
        .extracting(received -> received.header("X-Forwarded-For"))
        .containsExactly(first, first, second);
  }

  @Test
  void shouldIgnoreAForwardedAddressFromAnUntrustedPeer() {
    String requestId = UUID.randomUUID().toString();
    // A client that is no trusted proxy cannot pose as a new visitor with every request.
    submit(given().baseUri("http://127.0.0.1"), "203.0.113.1", requestId).then().statusCode(200);
    submit(given().baseUri("http://127.0.0.1"), "203.0.113.2", requestId).then().statusCode(200);
    submit(given().baseUri("http://127.0.0.1"), "203.0.113.3", requestId).then().statusCode(429);

    assertThat(ServiceStubs.receivedWithId(requestId))
        .extracting(received -> received.header("X-Forwarded-For"))
        .containsOnly("127.0.0.1");
  }

  private static io.restassured.response.Response submit(
      RequestSpecification from, String forwardedFor, String requestId) {
    return from.header("X-Forwarded-For", forwardedFor)
        .header("X-Request-Id", requestId)
        .contentType("application/json")
        .body("{}")
        .post("/api/v1/applications");
  }

  /** A request sent from 127.0.0.2, the address this profile trusts (as web's). */
  private static RequestSpecification fromWeb() {
    try {
      InetAddress web = InetAddress.getByName("127.0.0.2");
      return given()
          .baseUri("http://127.0.0.1")
          .config(
              RestAssured.config()
                  .httpClient(
                      HttpClientConfig.httpClientConfig()
                          .setParam("http.route.local-address", web)));
    } catch (UnknownHostException e) {
      throw new IllegalStateException(e);
    }
  }
}
