package dev.ats.gateway;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.matchesPattern;
import static org.hamcrest.Matchers.nullValue;

import dev.ats.gateway.ServiceStubs.Received;
import dev.ats.infra.test.TestTokens;
import io.quarkus.test.common.http.TestHTTPResource;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.Response;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

@QuarkusTest
class RoutingTest {

  @TestHTTPResource("/api/v1/roles/drip")
  URI drip;

  @BeforeEach
  void clear() {
    ServiceStubs.clear();
  }

  @ParameterizedTest
  @CsvSource({
    "GET, /careers",
    "GET, /careers/7?embed=1",
    "POST, /careers/7",
    "GET, /careers/applications/42?token=candidates-secret",
    "GET, /board",
    "POST, /board/applications/42/move",
    "GET, /assets/app.css",
    "GET, /webjars/htmx.org/2.0.4/dist/htmx.min.js"
  })
  void shouldForwardThePagesToWebWithoutAToken(String method, String pathAndQuery) {
    String requestId = "page-" + UUID.randomUUID();

    given()
        .urlEncodingEnabled(false)
        .header("X-Request-Id", requestId)
        .contentType("application/x-www-form-urlencoded")
        .body("a=1")
        .request(method, pathAndQuery)
        .then()
        .statusCode(200)
        .header("X-Stub", ServiceStubs.WEB)
        .header("X-Request-Id", requestId);
    List<Received> received = ServiceStubs.receivedWithId(requestId);
    assertThat(received).hasSize(1);
    assertThat(received.get(0).uri()).isEqualTo(pathAndQuery);
    assertThat(received.get(0).method()).isEqualTo(method);
    assertThat(received.get(0).header("X-Forwarded-Host")).isNotBlank();
  }

  @Test
  void shouldRefuseAnAmbiguousPagePath() {
    given()
        .urlEncodingEnabled(false)
        .get("/careers/..%2fboard")
        .then()
        .statusCode(400)
        .body("type", equalTo("https://ats.dev/problems/invalid-path"));
  }

  @ParameterizedTest
  @CsvSource({
    "POST, /api/v1/roles/7/open, roles",
    "PUT, /api/v1/roles/7, roles",
    "PATCH, /api/v1/applications/42/stage, applications",
    "DELETE, /api/v1/candidates/c-1, applications",
    "POST, /api/v1/notifications/retries, notifications",
    "GET, /api/v1/roles/7/history, roles",
    "GET, /api/v1/roles/7/pipeline, applications",
    "GET, /api/v1/reports/funnel, applications"
  })
  void shouldForwardEachRouteFamilyUnchangedToItsService(
      String method, String path, String service) {
    String requestId = "route-" + UUID.randomUUID();
    String body = "{\"answer\":42,\"text\":\"é and ü\"}";
    String token = TestTokens.recruiter();

    Response response =
        given()
            .urlEncodingEnabled(false)
            .header("Authorization", token)
            .header("X-Request-Id", requestId)
            .header("X-Custom", "kept")
            .contentType("application/json; charset=UTF-8")
            .body(body)
            .request(method, path + "?q=a+b%26c&status=201");

    response
        .then()
        .statusCode(201)
        .header("X-Stub", service)
        .header("X-Request-Id", requestId)
        .body("service", equalTo(service))
        .body("method", equalTo(method));
    List<Received> received = ServiceStubs.receivedWithId(requestId);
    assertThat(received).hasSize(1);
    Received got = received.get(0);
    assertThat(got.service()).isEqualTo(service);
    assertThat(got.method()).isEqualTo(method);
    assertThat(got.uri()).isEqualTo(path + "?q=a+b%26c&status=201");
    assertThat(got.header("X-Custom")).isEqualTo("kept");
    assertThat(got.header("Authorization")).isEqualTo(token);
    assertThat(got.header("Content-Type")).isEqualTo("application/json; charset=UTF-8");
    assertThat(got.body().toString()).isEqualTo(body);
  }

  @Test
  void shouldKeepTheStatusCodesOfTheService() {
    given().get("/api/v1/roles?status=404").then().statusCode(404).header("X-Stub", "roles");
    given().get("/api/v1/roles?status=503").then().statusCode(503).header("X-Stub", "roles");
  }

  @Test
  void shouldForwardXForwardedHeadersAndTheClientAddress() {
    String requestId = UUID.randomUUID().toString();
    given().header("X-Request-Id", requestId).get("/api/v1/roles").then().statusCode(200);

    Received got = ServiceStubs.receivedWithId(requestId).get(0);
    assertThat(got.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
    assertThat(got.header("X-Forwarded-Proto")).isEqualTo("http");
    assertThat(got.header("X-Forwarded-Host")).isEqualTo("localhost");
    assertThat(got.header("X-Forwarded-Port")).matches("\\d+");
  }

  @Test
  void shouldNotLetACallerChooseTheOriginOrAddressAServiceSees() {
    String requestId = UUID.randomUUID().toString();
    given()
        .header("X-Request-Id", requestId)
        .header("X-Forwarded-For", "203.0.113.9")
        .header("X-Forwarded-Host", "evil.example")
        .header("X-Forwarded-Proto", "https")
        .header("X-Forwarded-Port", "8443")
        .header("X-Forwarded-Prefix", "/evil")
        .header("Forwarded", "for=203.0.113.9;host=evil.example;proto=https")
        .get("/api/v1/roles")
        .then()
        .statusCode(200);

    Received got = ServiceStubs.receivedWithId(requestId).get(0);
    assertThat(got.header("X-Forwarded-For")).isEqualTo("127.0.0.1");
    assertThat(got.header("X-Forwarded-Host")).isEqualTo("localhost");
    assertThat(got.header("X-Forwarded-Proto")).isEqualTo("http");
    assertThat(got.header("X-Forwarded-Port")).isNotEqualTo("8443");
    assertThat(got.header("X-Forwarded-Prefix")).isNull();
    assertThat(got.header("Forwarded")).isNull();
  }

  @Test
  void shouldPassAConditionalGetAndItsNotModifiedAnswerThrough() {
    String etag = given().get("/api/v1/roles/etag").then().statusCode(200).extract().header("ETag");
    assertThat(etag).isEqualTo(ServiceStubs.ETAG);

    given()
        .header("If-None-Match", etag)
        .get("/api/v1/roles/etag")
        .then()
        .statusCode(304)
        .header("ETag", ServiceStubs.ETAG);
  }

  @Test
  void shouldKeepASaneRequestIdAndReturnIt() {
    given()
        .header("X-Request-Id", "abc-123")
        .get("/api/v1/roles")
        .then()
        .statusCode(200)
        .header("X-Request-Id", "abc-123");
    assertThat(ServiceStubs.receivedWithId("abc-123")).hasSize(1);
  }

  @Test
  void shouldGenerateARequestIdWhenNoneOrAnInsaneOneWasSent() {
    for (String sent : new String[] {null, "has spaces and <script>", "x".repeat(200)}) {
      var request = given();
      if (sent != null) {
        request.header("X-Request-Id", sent);
      }
      String id =
          request
              .get("/api/v1/roles")
              .then()
              .statusCode(200)
              .header("X-Request-Id", matchesPattern("[0-9a-f-]{36}"))
              .extract()
              .header("X-Request-Id");
      assertThat(ServiceStubs.receivedWithId(id)).as("forwarded with the generated id").hasSize(1);
    }
  }

  @Test
  void shouldNotForwardHopByHopHeadersEitherWay() {
    String requestId = UUID.randomUUID().toString();
    given()
        .header("X-Request-Id", requestId)
        .header("Connection", "keep-alive, X-Caller-Hop")
        .header("X-Caller-Hop", "secret")
        .header("Keep-Alive", "timeout=5")
        .header("Proxy-Authorization", "Basic Zm9vOmJhcg==")
        .header("TE", "trailers")
        .header("Proxy-Connection", "keep-alive")
        .get("/api/v1/roles")
        .then()
        .statusCode(200)
        .header("X-Stub-Hop", nullValue())
        .header("Keep-Alive", nullValue());

    Received got = ServiceStubs.receivedWithId(requestId).get(0);
    for (String hop :
        List.of("X-Caller-Hop", "Keep-Alive", "Proxy-Authorization", "TE", "Proxy-Connection")) {
      assertThat(got.header(hop)).as(hop).isNull();
    }
  }

  @Test
  void shouldReturnOneRequestIdEvenWhenTheServiceEchoesItsOwn() {
    Response response = given().header("X-Request-Id", "mine").get("/api/v1/roles");
    assertThat(response.headers().getValues("X-Request-Id")).containsExactly("mine");
  }

  @Test
  void shouldStreamALargeResponse() throws Exception {
    try (InputStream body =
        given()
            .header("Authorization", TestTokens.recruiter())
            .get("/api/v1/roles/large")
            .then()
            .statusCode(200)
            .extract()
            .asInputStream()) {
      long total = 0;
      byte[] buffer = new byte[64 * 1024];
      for (int n; (n = body.read(buffer)) != -1; ) {
        total += n;
      }
      assertThat(total).isEqualTo(ServiceStubs.LARGE_BYTES);
    }
  }

  @Test
  void shouldPassOnPartOfAResponseBeforeTheServiceHasFinishedIt() throws Exception {
    HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    HttpResponse<InputStream> response =
        client
            .sendAsync(
                HttpRequest.newBuilder(drip).timeout(Duration.ofSeconds(30)).build(),
                HttpResponse.BodyHandlers.ofInputStream())
            .get(30, TimeUnit.SECONDS);
    try (BufferedReader body =
        new BufferedReader(new InputStreamReader(response.body(), StandardCharsets.UTF_8))) {
      // Arrives although the service has not finished its answer: nothing buffers it.
      String first = CompletableFuture.supplyAsync(() -> readLine(body)).get(30, TimeUnit.SECONDS);
      assertThat(first).isEqualTo("first part");

      ServiceStubs.releaseDrip();

      assertThat(body.readLine()).isEqualTo("the rest");
      assertThat(body.readLine()).isNull();
    } finally {
      ServiceStubs.releaseDrip();
    }
  }

  private static String readLine(BufferedReader reader) {
    try {
      return reader.readLine();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void shouldAnswer404ProblemForUnknownPaths() {
    for (String path : List.of("/api/v1/unknown", "/api/v1", "/nothing/here", "/api/v2/roles")) {
      given()
          .header("X-Request-Id", "nf-1")
          .get(path)
          .then()
          .spec(Fixtures.problem(404, "not-found", "Not Found"))
          .body("detail", equalTo("There is nothing at " + path))
          .body("instance", equalTo(path))
          .body("requestId", equalTo("nf-1"));
    }
    assertThat(ServiceStubs.received()).isEmpty();
  }

  @Test
  void shouldAnswerProblemsWithExactlyTheMembersTheServicesUse() {
    Map<String, Object> problem =
        given()
            .header("X-Request-Id", "members-1")
            .get("/nothing/here")
            .then()
            .statusCode(404)
            .extract()
            .jsonPath()
            .getMap("$");

    assertThat(problem)
        .containsOnlyKeys("type", "title", "status", "detail", "instance", "requestId");
  }

  @Test
  void shouldLeaveWhatAQueryParameterHoldsForTheServiceToJudge() {
    String requestId = UUID.randomUUID().toString();

    given()
        .urlEncodingEnabled(false)
        .header("X-Request-Id", requestId)
        .get("/api/v1/roles?q=a%00b")
        .then()
        .statusCode(200)
        .header("X-Stub", "roles");

    assertThat(ServiceStubs.receivedWithId(requestId).get(0).uri())
        .isEqualTo("/api/v1/roles?q=a%00b");
  }

  @Test
  void shouldRefuseAmbiguousPathsWithoutForwarding() {
    for (String path :
        List.of(
            "/api/v1/roles/%2e%2e/notifications", "/api/v1/roles/x%2Fy", "/api/v1/roles/7;v=1")) {
      given()
          .urlEncodingEnabled(false)
          .header("Authorization", TestTokens.hiringManager())
          .get(path)
          .then()
          .spec(Fixtures.problem(400, "invalid-path", "Invalid path"))
          .body("instance", equalTo(path));
    }
    assertThat(ServiceStubs.received()).isEmpty();
  }
}
