package dev.ats.notifications;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.infra.test.TestKafka;
import dev.ats.infra.test.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.path.json.JsonPath;
import io.restassured.response.ValidatableResponse;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.ProducerRecord;

/**
 * What the tests of this service share: publishing the events of the contract (CONTRIBUTING.md)
 * exactly as applications-service and roles-service do (binary-mode CloudEvents keyed by the
 * aggregate id), and reading what came of them through the service's own API, as a recruiter, and
 * the SMTP server. Type and topic names are written out, not taken from the platform's {@code
 * EventTypes}: the tests check the contract's wire names.
 */
final class Fixtures {

  /** How long a test waits for an asynchronous effect. */
  static final Duration PATIENCE = Duration.ofSeconds(60);

  static final String APPLICATIONS = "applications.events";
  static final String ROLES = "roles.events";
  private static final String APPLICATIONS_SOURCE = "/ats/applications-service";
  private static final String ROLES_SOURCE = "/ats/roles-service";
  private static final ObjectMapper JSON = new ObjectMapper();

  private Fixtures() {}

  // --- Publishing events ---------------------------------------------------------------------

  /** One application of one candidate to one role, with the ids that its events share. */
  record Application(
      UUID applicationId,
      UUID roleId,
      String roleTitle,
      UUID candidateId,
      String email,
      String firstName) {

    static Application of(String firstName, String roleTitle) {
      return of(firstName, roleTitle, UUID.randomUUID());
    }

    static Application of(String firstName, String roleTitle, UUID roleId) {
      UUID id = UUID.randomUUID();
      return new Application(
          id, roleId, roleTitle, UUID.randomUUID(), "candidate-" + id + "@example.com", firstName);
    }
  }

  static String submitted(Application a, String outcome) {
    return submitted(a, outcome, UUID.randomUUID().toString());
  }

  /** Publishes application.submitted with a given event id (to deliver one event twice). */
  static String submitted(Application a, String outcome, String eventId) {
    sendApplicationEvent(
        a, eventId, "dev.ats.application.submitted.v1", json(submittedBody(a, outcome)));
    return eventId;
  }

  /**
   * Publishes an eligible application.submitted carrying a W3C {@code traceparent} header, as
   * applications-service's relay sends the trace of the request that wrote it.
   */
  static String submittedTraced(Application a, String traceparent) {
    String id = UUID.randomUUID().toString();
    ProducerRecord<String, String> record =
        new ProducerRecord<>(
            APPLICATIONS, a.applicationId().toString(), json(submittedBody(a, "ELIGIBLE")));
    Map.of(
            "ce_specversion",
            "1.0",
            "ce_id",
            id,
            "ce_type",
            "dev.ats.application.submitted.v1",
            "ce_source",
            APPLICATIONS_SOURCE,
            "ce_subject",
            a.applicationId().toString(),
            "ce_time",
            Instant.now().toString(),
            "content-type",
            "application/json",
            "traceparent",
            traceparent)
        .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
    TestKafka.send(record);
    return id;
  }

  private static Map<String, Object> submittedBody(Application a, String outcome) {
    Map<String, Object> candidate = new LinkedHashMap<>();
    candidate.put("email", a.email());
    candidate.put("firstName", a.firstName());
    candidate.put("lastName", "Lovelace");
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("ruleId", "commitsTwelveWeeks");
    rule.put("passed", !"INELIGIBLE".equals(outcome));
    rule.put("explanation", "Can commit to a 12-week internship");
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("applicationId", a.applicationId());
    body.put("roleId", a.roleId());
    body.put("roleTitle", a.roleTitle());
    body.put("candidateId", a.candidateId());
    body.put("candidate", candidate);
    body.put("stage", "INELIGIBLE".equals(outcome) ? "REJECTED" : "APPLIED");
    body.put("eligibility", Map.of("outcome", outcome, "rules", List.of(rule)));
    body.put("source", "careers-page");
    body.put("submittedAt", Instant.now().toString());
    body.put("version", 1);
    return body;
  }

  static String stageChanged(Application a, String from, String to) {
    Map<String, Object> body = base(a);
    body.put("from", from);
    body.put("to", to);
    body.put("reason", null);
    body.put("actor", "rita.recruiter@ats.test");
    body.put("changedAt", Instant.now().toString());
    return send(a, "dev.ats.application.stage-changed.v1", body);
  }

  static String hired(Application a) {
    Map<String, Object> body = base(a);
    body.put("actor", "rita.recruiter@ats.test");
    body.put("hiredAt", Instant.now().toString());
    return send(a, "dev.ats.application.hired.v1", body);
  }

  static String rejected(Application a, String reason, Object explanation) {
    Map<String, Object> body = base(a);
    body.put("reason", reason);
    body.put("explanation", explanation);
    body.put("actor", "rita.recruiter@ats.test");
    body.put("rejectedAt", Instant.now().toString());
    return send(a, "dev.ats.application.rejected.v1", body);
  }

  static String withdrawn(Application a) {
    Map<String, Object> body = base(a);
    body.put("by", "CANDIDATE");
    body.put("withdrawnAt", Instant.now().toString());
    return send(a, "dev.ats.application.withdrawn.v1", body);
  }

  static String erased(UUID candidateId, List<UUID> applicationIds) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("candidateId", candidateId);
    body.put("applicationIds", applicationIds);
    body.put("erasedAt", Instant.now().toString());
    String id = UUID.randomUUID().toString();
    TestKafka.sendCloudEvent(
        APPLICATIONS,
        candidateId.toString(),
        id,
        "dev.ats.candidate.erased.v1",
        APPLICATIONS_SOURCE,
        json(body));
    return id;
  }

  /** A role event with the full snapshot, as roles-service publishes it. */
  static String role(String type, UUID roleId, String title, LocalDate respondBy, long version) {
    Map<String, Object> role = new LinkedHashMap<>();
    role.put("id", roleId);
    role.put("title", title);
    role.put("team", "Platform");
    role.put("description", "Build things");
    role.put("location", "Lisbon");
    role.put("workplaceType", "HYBRID");
    role.put("employmentType", "INTERNSHIP");
    role.put("durationWeeks", 12);
    role.put("openings", 2);
    role.put("openingsFilled", 0);
    role.put("applicationDeadline", respondBy == null ? null : respondBy.minusDays(30).toString());
    role.put("respondBy", respondBy == null ? null : respondBy.toString());
    role.put("eligibilityRules", List.of());
    role.put("status", "OPEN");
    role.put("version", version);
    role.put("createdAt", Instant.now().toString());
    role.put("updatedAt", Instant.now().toString());
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("role", role);
    body.put("previousStatus", null);
    body.put("reason", null);
    String id = UUID.randomUUID().toString();
    TestKafka.sendCloudEvent(
        ROLES, roleId.toString(), id, "dev.ats.role." + type + ".v1", ROLES_SOURCE, json(body));
    return id;
  }

  /** Publishes an application event with a given id (to deliver one event twice). */
  static void sendApplicationEvent(Application a, String id, String type, String body) {
    TestKafka.sendCloudEvent(
        APPLICATIONS, a.applicationId().toString(), id, type, APPLICATIONS_SOURCE, body);
  }

  static String json(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<String, Object> base(Application a) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("applicationId", a.applicationId());
    body.put("roleId", a.roleId());
    body.put("candidateId", a.candidateId());
    body.put("version", 2);
    return body;
  }

  private static String send(Application a, String type, Map<String, Object> body) {
    String id = UUID.randomUUID().toString();
    sendApplicationEvent(a, id, type, json(body));
    return id;
  }

  // --- Reading what came of them ---------------------------------------------------------------

  /** Every notification of one application (newest first). */
  static List<Map<String, Object>> notificationsOf(UUID applicationId) {
    return given()
        .header("Authorization", TestTokens.recruiter())
        .queryParam("applicationId", applicationId)
        .queryParam("limit", 100)
        .get("/api/v1/notifications")
        .then()
        .statusCode(200)
        .extract()
        .jsonPath()
        .getList("items");
  }

  static List<String> typesOf(UUID applicationId) {
    return notificationsOf(applicationId).stream()
        .map(n -> (String) n.get("type"))
        .sorted()
        .toList();
  }

  static JsonPath detail(Object id) {
    return given()
        .header("Authorization", TestTokens.recruiter())
        .get("/api/v1/notifications/{id}", id)
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  /** {@code POST /api/v1/notifications/{id}/retry} as a recruiter. */
  static ValidatableResponse retry(Object id) {
    return given()
        .header("Authorization", TestTokens.recruiter())
        .post("/api/v1/notifications/{id}/retry", id)
        .then();
  }

  /** Waits until the SMTP server received {@code count} messages for {@code address}. */
  static List<MimeMessage> awaitMail(String address, int count) {
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(200))
        .until(() -> TestSmtp.messagesTo(address).size() >= count);
    return TestSmtp.messagesTo(address);
  }

  /** Waits until the application has notifications of exactly these types (sorted), all SENT. */
  static void awaitSent(UUID applicationId, String... types) {
    List<String> expected = List.of(types).stream().sorted().toList();
    await()
        .atMost(PATIENCE)
        .pollInterval(Duration.ofMillis(250))
        .until(
            () -> {
              List<Map<String, Object>> all = notificationsOf(applicationId);
              return all.stream()
                      .map(n -> (String) n.get("type"))
                      .sorted()
                      .toList()
                      .equals(expected)
                  && all.stream().allMatch(n -> "SENT".equals(n.get("status")));
            });
  }

  /** Whether the service's inbox recorded the event (whatever it did with it). */
  static boolean processed(EntityManager em, String eventId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                !em.createNativeQuery("select 1 from processed_event where event_id = :id")
                    .setParameter("id", eventId)
                    .getResultList()
                    .isEmpty());
  }
}
