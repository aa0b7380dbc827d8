package dev.ats.roles;

import static dev.ats.roles.Fixtures.internship;
import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.not;

import dev.ats.infra.test.TestTokens;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.restassured.http.ContentType;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Forwarded headers from an address that is not a trusted proxy change nothing. */
@QuarkusTest
@TestProfile(UntrustedProxyTest.LoopbackUntrusted.class)
class UntrustedProxyTest {

  /** The tests call from loopback; here only some other address is a trusted proxy. */
  public static class LoopbackUntrusted implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of("quarkus.http.proxy.trusted-proxies", "203.0.113.7");
    }
  }

  @Test
  void shouldIgnoreForwardedHeadersFromAnUntrustedAddress() {
    given()
        .header("Authorization", TestTokens.recruiter())
        .header("X-Forwarded-Proto", "https")
        .header("X-Forwarded-Host", "evil.example.com")
        .header("X-Forwarded-Port", "8443")
        .header("Forwarded", "proto=https;host=evil.example.com")
        .contentType(ContentType.JSON)
        .body(internship("Untrusted", 1))
        .post("/api/v1/roles")
        .then()
        .statusCode(201)
        .header("Location", not(containsString("evil.example.com")))
        .header("Location", containsString("/api/v1/roles/"));
  }
}
