package dev.ats.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.infra.system.AtsService;
import dev.ats.infra.test.PrometheusText;
import dev.ats.infra.test.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * What an operator sees of the running system: every documented metric at /q/metrics with its
 * labels, the outbox age rising while the broker is away and falling after, and production logs as
 * JSON lines without personal data. Last, so that the logs hold the whole story and its faults.
 */
@Order(Integer.MAX_VALUE)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ObservabilitySystemTest {

  private static final Duration LONG = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final Pattern EMAIL =
      Pattern.compile("[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\\.[A-Za-z]{2,}");
  private static final Pattern JWT = Pattern.compile("eyJ[A-Za-z0-9_-]{5,}\\.eyJ");

  /**
   * Lines in a service's log file that its logger did not write: the JVM's own warnings (unified
   * logging, e.g. an AppCDS archive it cannot use) and the launcher's start marker.
   */
  private static final Pattern NOT_THE_APPLICATIONS =
      Pattern.compile("^(OpenJDK 64-Bit Server VM warning|\\[[0-9.]+s\\]\\[|===== start )");

  private static SystemUnderTest system;

  /** What this class's own candidate sent and got: none of it may appear in a log. */
  private static final List<String> secrets = new ArrayList<>();

  @BeforeAll
  static void start() {
    system = SystemUnderTest.get();
  }

  @Test
  @Order(1)
  void shouldServeEveryDocumentedMetricWithItsLabels() {
    String roleId = createAndOpenRole("Observability - Intern");
    String unique = UUID.randomUUID().toString().substring(0, 8);
    String email = "obs." + unique + "@candidates.ats.test";
    // The role's copy reaches applications-service through roles.events, a moment after it opened.
    Response submitted =
        await()
            .atMost(LONG)
            .until(
                () ->
                    gateway()
                        .body(
                            """
                {"roleId":"%s","candidate":{"email":"%s","firstName":"Zebulon%s","lastName":"Quartermaine%s",
                  "school":"State University","degree":"BSc Computer Science","graduationDate":"2027-06-30"},
                 "answers":{"commitsTwelveWeeks":true},
                 "consent":{"privacyPolicyVersion":"2026-01","accepted":true},"source":"careers-page"}
                """
                                .formatted(roleId, email, unique, unique))
                        .post("/api/v1/applications"),
                response -> response.statusCode() != 409);
    assertThat(submitted.statusCode()).as(submitted.asString()).isEqualTo(201);
    String token = submitted.jsonPath().getString("accessToken");
    String applicationId = submitted.jsonPath().getString("id");
    gateway()
        .header("X-Application-Token", token)
        .get("/api/v1/applications/" + applicationId)
        .then()
        .statusCode(200);
    secrets.addAll(List.of(email, token, "Zebulon" + unique, "Quartermaine" + unique));
    // notifications-service serves no request in this class otherwise: its HTTP metrics need one.
    recruiter()
        .queryParam("applicationId", applicationId)
        .get("/api/v1/notifications")
        .then()
        .statusCode(200);

    await()
        .atMost(LONG)
        .untilAsserted(
            () -> {
              PrometheusText gateway = scrape(AtsService.GATEWAY);
              assertThat(
                      gateway.samples(
                          "ats_gateway_requests_total",
                          "family",
                          "applications",
                          "status",
                          "201",
                          "plan",
                          "anonymous_submit"))
                  .isNotEmpty();
              assertThat(
                      gateway.samples(
                          "ats_gateway_upstream_seconds_count",
                          "service",
                          "applications",
                          "status",
                          "201"))
                  .isNotEmpty();
              assertThat(
                      gateway.samples("ats_gateway_rate_limit_refusals_total", "plan", "anonymous"))
                  .isNotEmpty();

              for (AtsService service :
                  List.of(AtsService.ROLES, AtsService.APPLICATIONS, AtsService.NOTIFICATIONS)) {
                PrometheusText metrics = scrape(service);
                assertThat(metrics.value("ats_outbox_pending")).as(service + " outbox").isPresent();
                assertThat(metrics.value("ats_outbox_oldest_age_seconds")).isPresent();
                assertThat(metrics.samples("ats_events_consumed_total"))
                    .as(service + " consumed")
                    .anySatisfy(
                        s -> assertThat(s.labels()).containsKeys("consumer", "type", "outcome"));
                assertThat(metrics.samples("kafka_consumer_fetch_manager_records_lag"))
                    .as(service + " lag")
                    .anySatisfy(s -> assertThat(s.labels()).containsKeys("topic", "partition"));
                assertThat(metrics.names())
                    .contains("http_server_requests_seconds_count", "jvm_memory_used_bytes");
              }
              assertThat(
                      scrape(AtsService.ROLES)
                          .samples(
                              "ats_events_published_total",
                              "topic",
                              "roles.events",
                              "type",
                              "dev.ats.role.opened.v1"))
                  .isNotEmpty();
              assertThat(
                      scrape(AtsService.APPLICATIONS)
                          .samples(
                              "ats_events_published_total",
                              "topic",
                              "applications.events",
                              "type",
                              "dev.ats.application.submitted.v1"))
                  .isNotEmpty();
              assertThat(
                      scrape(AtsService.APPLICATIONS)
                          .value("ats_applications_undecided_past_respond_by"))
                  .isPresent();
              PrometheusText notifications = scrape(AtsService.NOTIFICATIONS);
              assertThat(notifications.samples("ats_notifications", "status", "SENT")).isNotEmpty();
              assertThat(
                      notifications.samples(
                          "ats_notifications_delivery_attempts_total", "outcome", "SENT"))
                  .isNotEmpty();
            });
  }

  @Test
  @Order(2)
  void shouldShowTheOutboxAgeRiseWhileTheBrokerIsStoppedAndFallAfter() {
    system.stopKafka();
    try {
      createAndOpenRole("Observability - broker away");
      await()
          .atMost(LONG)
          .untilAsserted(
              () -> {
                PrometheusText roles = scrape(AtsService.ROLES);
                assertThat(roles.value("ats_outbox_pending"))
                    .hasValueSatisfying(n -> assertThat(n).isGreaterThanOrEqualTo(1));
                assertThat(roles.value("ats_outbox_oldest_age_seconds"))
                    .hasValueSatisfying(age -> assertThat(age).isGreaterThan(10));
              });
    } finally {
      system.startKafka();
    }
    await()
        .atMost(LONG)
        .untilAsserted(
            () -> {
              PrometheusText roles = scrape(AtsService.ROLES);
              assertThat(roles.value("ats_outbox_pending")).contains(0.0);
              assertThat(roles.value("ats_outbox_oldest_age_seconds")).contains(0.0);
            });
  }

  @Test
  @Order(5)
  void shouldWriteProductionLogsAsJsonLinesWithoutPersonalData() throws IOException {
    List<String> problems = new ArrayList<>();
    int requestLines = 0;
    for (AtsService service : AtsService.values()) {
      Path log = system.work.resolve(service.shortName() + ".log");
      List<String> lines = Files.readAllLines(log);
      assertThat(lines).as(log.toString()).isNotEmpty();
      for (String line : lines) {
        if (line.isBlank() || NOT_THE_APPLICATIONS.matcher(line).find()) {
          continue;
        }
        JsonNode json;
        try {
          json = JSON.readTree(line);
        } catch (IOException e) {
          problems.add(service + ": not JSON: " + abbreviate(line));
          continue;
        }
        if (!json.path("service").asText().equals(service.module())) {
          problems.add(service + ": no service field: " + abbreviate(line));
        }
        if (json.path("mdc").hasNonNull("requestId")) {
          requestLines++;
        }
        var email = EMAIL.matcher(line);
        while (email.find()) {
          if (!email.group().endsWith("@ats.local")) {
            problems.add(service + ": an e-mail address: " + abbreviate(line));
          }
        }
        if (JWT.matcher(line).find()) {
          problems.add(service + ": a bearer token: " + abbreviate(line));
        }
        for (String secret : secrets) {
          if (line.contains(secret)) {
            problems.add(service + ": personal data or a token: " + abbreviate(line));
          }
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(requestLines)
        .as("log lines written while serving a request carry its id")
        .isPositive();
  }

  /**
   * One submission, one trace: the gateway continues the caller's {@code traceparent}, then
   * applications-service's request, the outbox relay's publication (a span of its own, linked to
   * the trace), notifications-service's consumer and its SMTP send all carry the same trace id; the
   * request id is on the spans.
   */
  @Test
  @Order(3)
  void shouldFollowOneSubmissionInOneTraceFromTheGatewayToTheSmtpSend() {
    String roleId = createAndOpenRole("Observability - traced");
    String traceId = UUID.randomUUID().toString().replace("-", "");
    String requestId = UUID.randomUUID().toString();
    String unique = UUID.randomUUID().toString().substring(0, 8);
    String email = "traced." + unique + "@candidates.ats.test";
    String firstName = "Tracy" + unique;
    String lastName = "Spanner" + unique;
    secrets.addAll(List.of(email, firstName, lastName));
    await()
        .atMost(LONG)
        .until(
            () ->
                gateway()
                        .header("traceparent", "00-" + traceId + "-00f067aa0ba902b7-01")
                        .header("X-Request-Id", requestId)
                        .body(
                            """
                            {"roleId":"%s","candidate":{"email":"%s","firstName":"%s","lastName":"%s",
                              "school":"State University","degree":"BSc Computer Science","graduationDate":"2027-06-30"},
                             "answers":{"commitsTwelveWeeks":true},
                             "consent":{"privacyPolicyVersion":"2026-01","accepted":true},"source":"careers-page"}
                            """
                                .formatted(roleId, email, firstName, lastName))
                        .post("/api/v1/applications")
                        .statusCode()
                    == 201);

    await()
        .atMost(LONG)
        .untilAsserted(
            () -> {
              List<OtlpReceiver.ExportedSpan> trace = system.traces.ofTrace(traceId);
              assertThat(trace)
                  .as("the gateway's request")
                  .anySatisfy(
                      s -> {
                        assertThat(s.service()).isEqualTo("api-gateway");
                        assertThat(s.traceId()).isEqualTo(traceId);
                        assertThat(s.kind()).isEqualTo(SERVER);
                      });
              assertThat(trace)
                  .as("applications-service's request, with the request id")
                  .anySatisfy(
                      s -> {
                        assertThat(s.service()).isEqualTo("applications-service");
                        assertThat(s.traceId()).isEqualTo(traceId);
                        assertThat(s.kind()).isEqualTo(SERVER);
                        assertThat(s.attributes()).containsEntry("ats.request_id", requestId);
                      });
              assertThat(trace)
                  .as("the outbox relay's publication, linked to the trace")
                  .anySatisfy(
                      s -> {
                        assertThat(s.service()).isEqualTo("applications-service");
                        assertThat(s.name()).isEqualTo("publish applications.events");
                        assertThat(s.linkedTraceIds()).contains(traceId);
                        assertThat(s.attributes())
                            .containsEntry("ats.event.type", "dev.ats.application.submitted.v1");
                      });
              assertThat(trace)
                  .as("notifications-service's consumer")
                  .anySatisfy(
                      s -> {
                        assertThat(s.service()).isEqualTo("notifications-service");
                        assertThat(s.traceId()).isEqualTo(traceId);
                        assertThat(s.name()).isEqualTo("consume dev.ats.application.submitted.v1");
                      });
              assertThat(trace)
                  .as("the SMTP send of the candidate's message")
                  .anySatisfy(
                      s -> {
                        assertThat(s.service()).isEqualTo("notifications-service");
                        assertThat(s.traceId()).isEqualTo(traceId);
                        assertThat(s.name()).isEqualTo("smtp send");
                        assertThat(s.attributes())
                            .containsEntry("ats.notification.type", "APPLICATION_RECEIVED");
                      });
            });
    assertThat(system.traces.spans())
        .as("no span names or attributes carry personal data")
        .noneSatisfy(
            s -> assertThat(s.name() + s.attributes()).containsAnyOf(email, firstName, lastName));
  }

  /** OTLP's SpanKind SPAN_KIND_SERVER. */
  private static final int SERVER = 2;

  private static String createAndOpenRole(String title) {
    String body =
        """
        {"title":"%s","team":"Platform","description":"Watch the system from the outside for 12 weeks.",
         "location":"Austin, TX","workplaceType":"HYBRID","employmentType":"INTERNSHIP","durationWeeks":12,
         "openings":2,"respondBy":"%s","resumeRequired":false,
         "eligibilityRules":[{"id":"commitsTwelveWeeks","question":"Can you commit to a 12-week internship?",
           "answerType":"BOOLEAN","rule":{"operator":"EQUALS","value":true},"required":true}]}
        """
            .formatted(title, LocalDate.now().plusDays(30));
    Response created = recruiter().body(body).post("/api/v1/roles");
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    String id = created.jsonPath().getString("id");
    recruiter().post("/api/v1/roles/" + id + "/open").then().statusCode(200);
    return id;
  }

  private static io.restassured.specification.RequestSpecification gateway() {
    return given().baseUri(system.gateway()).contentType(ContentType.JSON).accept(ContentType.JSON);
  }

  private static io.restassured.specification.RequestSpecification recruiter() {
    return gateway().header("Authorization", TestTokens.recruiter());
  }

  private static PrometheusText scrape(AtsService service) {
    return PrometheusText.parse(
        given()
            .baseUri(system.serviceUrl(service.shortName()))
            .get("/q/metrics")
            .then()
            .statusCode(200)
            .extract()
            .asString());
  }

  private static String abbreviate(String line) {
    return line.length() > 300 ? line.substring(0, 300) + "…" : line;
  }
}
