package dev.ats.applications;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.applications.domain.Application;
import dev.ats.applications.domain.RoleCopy;
import dev.ats.applications.domain.Stage;
import dev.ats.infra.test.EventSchemas;
import dev.ats.infra.test.TestKafka;
import dev.ats.infra.test.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.http.ContentType;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * What the tests share: roles put into this service's copy exactly as roles-service publishes them
 * (CloudEvents on roles.events), submissions, stage changes and the events this service produced.
 */
public final class Fixtures {

  public static final Duration WAIT = Duration.ofSeconds(60);
  public static final String ROLES_SOURCE = "/ats/roles-service";
  private static final ObjectMapper JSON = new ObjectMapper();

  /** The internship posting's questions: two required, one optional. */
  public static final List<Map<String, Object>> INTERNSHIP_RULES =
      List.of(
          rule(
              "commitsTwelveWeeks",
              "Can you commit to a 12-week internship?",
              "BOOLEAN",
              null,
              "EQUALS",
              true,
              true),
          rule(
              "degreeField",
              "What field is your degree in?",
              "CHOICE",
              List.of("Computer Science", "Engineering", "Mathematics", "Statistics", "Other"),
              "ONE_OF",
              List.of("Computer Science", "Engineering", "Mathematics", "Statistics"),
              true),
          rule(
              "graduationDate",
              "When do you expect to graduate?",
              "DATE",
              null,
              "ON_OR_AFTER",
              "2026-12-01",
              false));

  private Fixtures() {}

  public static Map<String, Object> rule(
      String id,
      String question,
      String answerType,
      List<String> options,
      String operator,
      Object value,
      boolean required) {
    Map<String, Object> rule = new LinkedHashMap<>();
    rule.put("id", id);
    rule.put("question", question);
    rule.put("answerType", answerType);
    if (options != null) {
      rule.put("options", options);
    }
    rule.put("rule", Map.of("operator", operator, "value", value));
    rule.put("required", required);
    return rule;
  }

  /** Answers that pass every internship rule. */
  public static Map<String, Object> eligibleAnswers() {
    return new LinkedHashMap<>(
        Map.of(
            "commitsTwelveWeeks", true,
            "degreeField", "Computer Science",
            "graduationDate", "2027-06-30"));
  }

  // --- roles ------------------------------------------------------------------------------------

  /** An OPEN role with the internship rules, in this service's copy. */
  public static UUID openRole(int openings) {
    UUID id = UUID.randomUUID();
    publishRole(id, "dev.ats.role.opened.v1", 1, "OPEN", openings, 0, null, INTERNSHIP_RULES);
    awaitRoleVersion(id, 1);
    return id;
  }

  public static void publishRole(
      UUID id,
      String type,
      long version,
      String status,
      int openings,
      int openingsFilled,
      String applicationDeadline,
      List<Map<String, Object>> rules) {
    publishRole(
        UUID.randomUUID().toString(),
        id,
        type,
        version,
        status,
        openings,
        openingsFilled,
        applicationDeadline,
        rules);
  }

  /** Publishes a role event exactly as roles-service's outbox relay would. */
  public static void publishRole(
      String eventId,
      UUID id,
      String type,
      long version,
      String status,
      int openings,
      int openingsFilled,
      String applicationDeadline,
      List<Map<String, Object>> rules) {
    publishRole(
        eventId,
        id,
        type,
        version,
        status,
        openings,
        openingsFilled,
        applicationDeadline,
        rules,
        null);
  }

  /** An OPEN role with the internship rules that requires a résumé (or says it does not). */
  public static UUID openRole(int openings, boolean resumeRequired) {
    UUID id = UUID.randomUUID();
    publishRole(
        UUID.randomUUID().toString(),
        id,
        "dev.ats.role.opened.v1",
        1,
        "OPEN",
        openings,
        0,
        null,
        INTERNSHIP_RULES,
        resumeRequired);
    awaitRoleVersion(id, 1);
    return id;
  }

  /** Publishes a role event; {@code resumeRequired} null leaves the field out (older producers). */
  public static void publishRole(
      String eventId,
      UUID id,
      String type,
      long version,
      String status,
      int openings,
      int openingsFilled,
      String applicationDeadline,
      List<Map<String, Object>> rules,
      Boolean resumeRequired) {
    Map<String, Object> role = new LinkedHashMap<>();
    if (resumeRequired != null) {
      role.put("resumeRequired", resumeRequired);
    }
    role.put("id", id.toString());
    role.put("title", "Software Engineer - Intern");
    role.put("team", "Engineering");
    role.put("description", "Ship and deliver projects over 12 weeks with autonomy and support.");
    role.put("location", "London");
    role.put("workplaceType", "HYBRID");
    role.put("employmentType", "INTERNSHIP");
    role.put("durationWeeks", 12);
    role.put("openings", openings);
    role.put("openingsFilled", openingsFilled);
    role.put("applicationDeadline", applicationDeadline);
    role.put("respondBy", "2026-12-01");
    role.put("eligibilityRules", rules);
    role.put("status", status);
    role.put("version", version);
    role.put("createdAt", "2026-11-01T09:00:00Z");
    role.put("updatedAt", Instant.now().toString());
    Map<String, Object> payload = new LinkedHashMap<>();
    payload.put("role", role);
    payload.put("previousStatus", null);
    payload.put("reason", null);
    TestKafka.sendCloudEvent(
        "roles.events", id.toString(), eventId, type, ROLES_SOURCE, write(payload));
  }

  public static void awaitRoleVersion(UUID id, long version) {
    await()
        .atMost(WAIT)
        .until(
            () ->
                QuarkusTransaction.requiringNew()
                    .call(
                        () -> {
                          RoleCopy copy = RoleCopy.findById(id);
                          return copy != null && copy.version >= version;
                        }));
  }

  public static RoleCopy roleCopy(UUID id) {
    return QuarkusTransaction.requiringNew().call(() -> RoleCopy.<RoleCopy>findById(id));
  }

  /** How many of the role's applications are HIRED (the hires this service made for it). */
  public static long hires(UUID roleId) {
    return QuarkusTransaction.requiringNew()
        .call(() -> Application.count("roleId = ?1 and stage = ?2", roleId, Stage.HIRED));
  }

  // --- applications -----------------------------------------------------------------------------

  public static Map<String, Object> submission(
      UUID roleId, String email, Map<String, Object> answers) {
    Map<String, Object> candidate = new LinkedHashMap<>();
    candidate.put("email", email);
    candidate.put("firstName", "Ada");
    candidate.put("lastName", "Lovelace");
    candidate.put("phone", "+44 20 7946 0000");
    candidate.put("school", "University of London");
    candidate.put("degree", "BSc Mathematics");
    candidate.put("graduationDate", "2027-06-30");
    candidate.put("links", List.of("https://github.com/ada"));
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("roleId", roleId.toString());
    body.put("candidate", candidate);
    body.put("answers", answers);
    body.put("consent", Map.of("privacyPolicyVersion", "2026-01", "accepted", true));
    body.put("source", "job-board");
    return body;
  }

  public static String email() {
    return "cand-" + UUID.randomUUID() + "@example.com";
  }

  public static ExtractableResponse<Response> submit(Object body) {
    return given()
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/applications")
        .then()
        .extract();
  }

  /** Submits an eligible application and returns {id, accessToken}. */
  public static Submitted submitEligible(UUID roleId) {
    ExtractableResponse<Response> response = submit(submission(roleId, email(), eligibleAnswers()));
    if (response.statusCode() != 201) {
      throw new AssertionError("submission failed: " + response.body().asString());
    }
    return new Submitted(
        UUID.fromString(response.path("id")),
        UUID.fromString(response.path("candidateId")),
        response.path("accessToken"));
  }

  public record Submitted(UUID id, UUID candidateId, String accessToken) {}

  public static ExtractableResponse<Response> application(UUID id) {
    return given()
        .header("Authorization", TestTokens.recruiter())
        .get("/api/v1/applications/" + id)
        .then()
        .extract();
  }

  public static ExtractableResponse<Response> transition(UUID id, Map<String, Object> body) {
    String etag = application(id).header("ETag");
    return given()
        .header("Authorization", TestTokens.recruiter())
        .header("If-Match", etag)
        .contentType(ContentType.JSON)
        .body(body)
        .post("/api/v1/applications/" + id + "/transitions")
        .then()
        .extract();
  }

  public static void moveTo(UUID id, String... stages) {
    for (String stage : stages) {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("to", stage);
      if (stage.equals("REJECTED")) {
        body.put("reason", "NOT_A_FIT");
      }
      ExtractableResponse<Response> response = transition(id, body);
      if (response.statusCode() != 200) {
        throw new AssertionError("could not move to " + stage + ": " + response.body().asString());
      }
    }
  }

  /** Runs {@code call} {@code times} times at the same moment, one thread each. */
  public static <T> List<T> concurrently(Callable<T> call, int times) throws Exception {
    return concurrently(java.util.Collections.nCopies(times, call));
  }

  /** Runs the calls at the same moment, one thread each, and returns their results in order. */
  public static <T> List<T> concurrently(List<Callable<T>> calls) throws Exception {
    CountDownLatch start = new CountDownLatch(1);
    ExecutorService pool = Executors.newFixedThreadPool(calls.size());
    try {
      List<Future<T>> futures = new ArrayList<>();
      for (Callable<T> call : calls) {
        futures.add(
            pool.submit(
                () -> {
                  start.await();
                  return call.call();
                }));
      }
      start.countDown();
      List<T> results = new ArrayList<>();
      for (Future<T> future : futures) {
        results.add(future.get());
      }
      return results;
    } finally {
      pool.shutdownNow();
    }
  }

  // --- events -----------------------------------------------------------------------------------

  /**
   * Waits for {@code count} events with key {@code key} matching {@code matching}, each validated
   * against its JSON Schema.
   */
  public static List<ConsumerRecord<String, String>> awaitEvents(
      String key, Predicate<ConsumerRecord<String, String>> matching, int count) {
    List<ConsumerRecord<String, String>> records =
        TestKafka.awaitRecords(
            "applications.events", r -> key.equals(r.key()) && matching.test(r), count, WAIT);
    for (ConsumerRecord<String, String> record : records) {
      EventSchemas.assertValid(TestKafka.header(record, "ce_type"), record.value());
    }
    return records;
  }

  public static Predicate<ConsumerRecord<String, String>> ofType(String type) {
    return r -> type.equals(TestKafka.header(r, "ce_type"));
  }

  public static List<String> types(List<ConsumerRecord<String, String>> records) {
    List<String> types = new ArrayList<>();
    records.forEach(r -> types.add(TestKafka.header(r, "ce_type")));
    return types;
  }

  @SuppressWarnings("unchecked")
  public static Map<String, Object> data(ConsumerRecord<String, String> record) {
    try {
      return JSON.readValue(record.value(), Map.class);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }

  public static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException(e);
    }
  }
}
