package dev.ats.system;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.infra.test.EventSchemas;
import dev.ats.infra.test.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import jakarta.mail.Address;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;

/**
 * The hiring story of the internship posting, end to end, through the gateway only, with the real
 * services as separate processes — then the same system under faults and hostile input.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class HiringSystemTest {

  private static final Duration LONG = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String PROBLEM = "application/problem+json";
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);

  private static SystemUnderTest system;
  private static final Ledger ledger = new Ledger();
  private static final Map<String, String> roles = new LinkedHashMap<>();
  private static final Map<String, Applicant> applicants = new ConcurrentHashMap<>();

  record Applicant(String email, String applicationId, String candidateId, String token) {}

  /** A document attached to a submission besides the résumé every applicant sends. */
  record Attachment(String kind, String fileName, byte[] bytes) {}

  /** Each applicant's submission body (with its résumé), so a retry sends exactly the same. */
  private static final Map<String, String> submittedBodies =
      new java.util.concurrent.ConcurrentHashMap<>();

  @BeforeAll
  static void startSystem() {
    // The SMTP sink's server threads live in this JVM; when a fault test kills
    // notifications-service
    // in the middle of a message, GreenMail's connection thread dies with "connection reset". That
    // is the fault doing its job, not a failure of the await that happens to be running.
    org.awaitility.Awaitility.doNotCatchUncaughtExceptionsByDefault();
    system = SystemUnderTest.get();
  }

  @AfterAll
  static void printSummary() {
    if (system == null) {
      return;
    }
    Map<String, Integer> delivered = mailByRecipient();
    int total = delivered.values().stream().mapToInt(Integer::intValue).sum();
    int duplicates = 0;
    for (var entry : ledger.expectedMail.entrySet()) {
      duplicates += Math.max(0, delivered.getOrDefault(entry.getKey(), 0) - entry.getValue());
    }
    System.out.println(
        "\n===== ATS system test summary =====\n" + ledger.summary(total, duplicates) + "\n");
  }

  // ---------------------------------------------------------------------------------------------
  // The story
  // ---------------------------------------------------------------------------------------------

  @Test
  @Order(1)
  void shouldHireUntilRolesAreFilledAndTellEveryCandidateExactlyWhatHappened() {
    ledger.scenarios.add("hiring story");
    roles.put("swe", createAndOpenRole("Software Engineer - Intern", "Engineering", 2));
    roles.put("pm", createAndOpenRole("Product Manager - Intern", "Product", 1));
    roles.put("sec", createAndOpenRole("Security Engineer - Intern", "Security", 1));

    // Anyone can see the open roles, with the questions to render the form from.
    given(anonymous())
        .get("/api/v1/roles/" + roles.get("swe"))
        .then()
        .statusCode(200)
        .body("eligibilityRules.id", org.hamcrest.Matchers.hasItem("commitsTwelveWeeks"));

    Applicant alice = apply("swe", "alice", eligible());
    Applicant bob = apply("swe", "bob", eligible());
    // Bob applies again for the same role: one active application per person and role.
    given(anonymous())
        .header("Idempotency-Key", UUID.randomUUID().toString())
        .body(submission(roles.get("swe"), email("bob"), "Bob", eligible()))
        .post("/api/v1/applications")
        .then()
        .statusCode(409)
        .contentType(PROBLEM);
    // Carol's browser retries her submission with the same Idempotency-Key: still one application.
    Applicant carol = apply("swe", "carol", eligible());
    Response retry =
        given(anonymous())
            .header("Idempotency-Key", "carol-" + RUN)
            .body(submittedBodies.get(email("carol")))
            .post("/api/v1/applications");
    assertThat(retry.statusCode()).isEqualTo(201);
    assertThat(retry.jsonPath().getString("id")).isEqualTo(carol.applicationId());
    Applicant dan =
        apply("swe", "dan", Map.of("commitsTwelveWeeks", false, "degree", "Engineering"));
    Applicant erin = apply("swe", "erin", Map.of("commitsTwelveWeeks", true, "degree", "Other"));
    Applicant frank = apply("pm", "frank", eligible());
    Applicant gina = apply("pm", "gina", eligible());
    Applicant hank = apply("sec", "hank", eligible());

    assertThat(application(dan).getString("stage")).isEqualTo("REJECTED");
    assertThat(application(dan).getString("eligibility.outcome")).isEqualTo("INELIGIBLE");
    assertThat(application(erin).getString("eligibility.outcome")).isEqualTo("NEEDS_REVIEW");
    assertThat(application(alice).getString("eligibility.outcome")).isEqualTo("ELIGIBLE");

    hire(alice);
    hire(bob);
    awaitRoleStatus(roles.get("swe"), "FILLED");
    awaitRejected(carol, "POSITION_FILLED");
    awaitRejected(erin, "POSITION_FILLED");

    hire(frank);
    awaitRoleStatus(roles.get("pm"), "FILLED");
    awaitRejected(gina, "POSITION_FILLED");

    // Hank withdraws himself with the token he got when he applied.
    given(anonymous())
        .header("X-Application-Token", hank.token())
        .post("/api/v1/applications/" + hank.applicationId() + "/withdraw")
        .then()
        .statusCode(200);
    // Another candidate's token opens nothing.
    given(anonymous())
        .header("X-Application-Token", alice.token())
        .get("/api/v1/applications/" + hank.applicationId())
        .then()
        .statusCode(404)
        .contentType(PROBLEM);

    // received, interview, offer, welcome
    ledger.expectMail(alice.email(), 4);
    ledger.expectMail(bob.email(), 4);
    ledger.expectMail(frank.email(), 4);
    // received, then "the position was filled"
    ledger.expectMail(carol.email(), 2);
    ledger.expectMail(erin.email(), 2);
    ledger.expectMail(gina.email(), 2);
    // only the ineligible rejection, naming the requirement
    ledger.expectMail(dan.email(), 1);
    // received, withdrawal confirmed
    ledger.expectMail(hank.email(), 2);
    awaitExactMail(List.of(alice, bob, carol, dan, erin, frank, gina, hank));

    MimeMessage danMail = mailTo(dan.email()).get(0);
    assertThat(body(danMail)).containsIgnoringCase("12-week");
  }

  @Test
  @Order(2)
  void shouldShowAnIndependentConsumerEveryEventInOrderPerAggregate() {
    ledger.scenarios.add("independent consumer");
    Map<String, List<ConsumerRecord<String, String>>> byKey = new HashMap<>();
    Set<String> seen = new HashSet<>();
    for (ConsumerRecord<String, String> record :
        readTopicsFromStart(List.of("roles.events", "applications.events"))) {
      String id = header(record, "ce_id");
      if (!seen.add(id)) {
        continue; // at least once on the wire; consumers deduplicate by ce_id
      }
      String type = header(record, "ce_type");
      EventSchemas.assertValid(type, record.value());
      assertThat(record.key()).isEqualTo(header(record, "ce_subject"));
      byKey
          .computeIfAbsent(record.topic() + "/" + record.key(), k -> new ArrayList<>())
          .add(record);
    }
    assertThat(byKey).containsKey("roles.events/" + roles.get("swe"));
    for (var entry : byKey.entrySet()) {
      long previous = -1;
      for (ConsumerRecord<String, String> record : entry.getValue()) {
        long version = versionOf(record);
        assertThat(version)
            .as("versions of %s must never go back: %s", entry.getKey(), header(record, "ce_type"))
            .isGreaterThanOrEqualTo(previous);
        previous = Math.max(previous, version);
      }
    }
    List<String> sweTypes =
        byKey.get("roles.events/" + roles.get("swe")).stream()
            .map(r -> header(r, "ce_type"))
            .toList();
    assertThat(sweTypes)
        .containsSubsequence(
            "dev.ats.role.created.v1", "dev.ats.role.opened.v1", "dev.ats.role.filled.v1");
    assertThat(sweTypes.stream().filter("dev.ats.role.filled.v1"::equals)).hasSize(1);
  }

  @Test
  @Order(3)
  void shouldForgetAnErasedCandidateInEveryService() {
    ledger.scenarios.add("erasure");
    Applicant gina = applicants.get("gina");
    given(recruiter()).delete("/api/v1/candidates/" + gina.candidateId()).then().statusCode(204);

    JsonNode after = json(given(recruiter()).get("/api/v1/applications/" + gina.applicationId()));
    assertThat(after.toString()).doesNotContainIgnoringCase(gina.email()).doesNotContain("Gina");
    await("notifications purge gina")
        .atMost(LONG)
        .untilAsserted(
            () ->
                assertThat(
                        json(given(recruiter())
                                .queryParam("candidateEmail", gina.email())
                                .get("/api/v1/notifications"))
                            .path("items"))
                    .isEmpty());
    await("notifications hold no trace of gina")
        .atMost(LONG)
        .untilAsserted(
            () ->
                assertThat(
                        given(recruiter())
                            .queryParam("applicationId", gina.applicationId())
                            .get("/api/v1/notifications")
                            .asString())
                    .doesNotContainIgnoringCase(gina.email())
                    .doesNotContain("Gina"));
  }

  @Test
  @Order(4)
  void shouldReportTheFiguresTheStoryImpliesAndRejectWhatIsLeftOfARoleInOneRequest() {
    ledger.scenarios.add("reports and a bulk rejection");
    // Software Engineer: alice and bob hired (through every stage), carol and erin rejected when
    // the role filled, dan ineligible at once.
    List<JsonNode> swe = stages(report("funnel", roles.get("swe")));
    assertThat(swe.stream().map(s -> s.path("stage").asText()))
        .containsExactly("SUBMITTED", "SCREENING", "INTERVIEWING", "OFFERED", "HIRED");
    assertThat(swe.stream().map(s -> s.path("reached").asInt())).containsExactly(5, 2, 2, 2, 2);
    assertThat(swe.stream().map(s -> s.path("passThroughRate").asText()))
        .containsExactly("0.4", "1.0", "1.0", "1.0", "null");
    // Product Manager: frank hired, gina rejected when it filled, then erased: still counted.
    List<JsonNode> pm = stages(report("funnel", roles.get("pm")));
    assertThat(pm.stream().map(s -> s.path("reached").asInt())).containsExactly(2, 1, 1, 1, 1);
    // The respond-by day (30 days ahead) is not over; every Software Engineer applicant already
    // has a decision.
    JsonNode sweCompliance = report("respond-by", roles.get("swe")).path("roles").get(0);
    assertThat(sweCompliance.path("respondByPassed").asBoolean()).isFalse();
    assertThat(sweCompliance.path("due").asInt()).isEqualTo(5);
    assertThat(sweCompliance.path("decided").asInt()).isEqualTo(5);
    assertThat(sweCompliance.path("decidedShare").asDouble()).isEqualTo(1.0);
    assertThat(sweCompliance.path("waiting")).isEmpty();

    // A fourth role: what is left of it is rejected in one request, each candidate told once.
    roles.put("data", createAndOpenRole("Data Analyst - Intern", "Data", 1));
    List<Applicant> left =
        List.of(apply("data", "ivy", eligible()), apply("data", "jack", eligible()));
    List<Map<String, Object>> items =
        left.stream()
            .map(
                a ->
                    Map.<String, Object>of(
                        "id", a.applicationId(), "version", application(a).getLong("version")))
            .toList();
    String bulk =
        JSON.valueToTree(Map.of("applications", items, "to", "REJECTED", "reason", "NOT_A_FIT"))
            .toString();
    String key = "bulk-" + RUN;
    Response rejected =
        given(recruiter())
            .header("Idempotency-Key", key)
            .body(bulk)
            .post("/api/v1/applications/bulk-transitions");
    assertThat(rejected.statusCode()).as(rejected.asString()).isEqualTo(200);
    assertThat(rejected.jsonPath().getInt("succeeded")).isEqualTo(2);
    assertThat(rejected.jsonPath().getList("items.status", Integer.class)).containsOnly(200);
    Response replayed =
        given(recruiter())
            .header("Idempotency-Key", key)
            .body(bulk)
            .post("/api/v1/applications/bulk-transitions");
    assertThat(replayed.asString()).isEqualTo(rejected.asString());
    left.forEach(a -> assertThat(application(a).getString("stage")).isEqualTo("REJECTED"));
    // received, then the rejection: once each, although the request was sent twice
    left.forEach(a -> ledger.expectMail(a.email(), 2));
    awaitExactMail(left);

    JsonNode data = report("respond-by", roles.get("data")).path("roles").get(0);
    assertThat(data.path("due").asInt()).isEqualTo(2);
    assertThat(data.path("decided").asInt()).isEqualTo(2);
    JsonNode pipeline = json(recruiter().get("/api/v1/roles/" + roles.get("data") + "/pipeline"));
    assertThat(pipeline.path("applications").asInt()).isEqualTo(2);
    assertThat(pipeline.path("undecided").asInt()).isZero();
  }

  // ---------------------------------------------------------------------------------------------
  // Faults: every accepted request is reflected, nobody gets a message twice
  // ---------------------------------------------------------------------------------------------

  @Test
  @Order(10)
  void shouldLoseNothingWhenTheBrokerStopsDuringABurst() {
    ledger.scenarios.add("broker stopped during a burst");
    String role = createAndOpenRole("Fault Lab - Intern (broker)", "Platform", 100);
    roles.put("broker", role);
    List<Applicant> burst = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      if (i == 5) {
        ledger.faultStarted("Kafka broker stopped for a burst of 10 submissions");
        system.stopKafka();
      }
      if (i == 15) {
        system.startKafka();
        ledger.faultEnded();
      }
      burst.add(apply("broker", "kafka" + i, eligible()));
    }
    burst.forEach(a -> ledger.expectMail(a.email(), 1));
    awaitExactMail(burst);
  }

  @Test
  @Order(11)
  void shouldLoseNothingWhenEachServiceIsKilledDuringABurst() {
    ledger.scenarios.add("each service SIGKILLed during a burst");
    String role = createAndOpenRole("Fault Lab - Intern (crash)", "Platform", 100);
    roles.put("crash", role);
    List<Applicant> everyone = new ArrayList<>();
    for (String service : List.of("applications", "notifications", "gateway", "roles")) {
      List<Applicant> burst = new ArrayList<>();
      CompletableFuture<Void> submitter =
          CompletableFuture.runAsync(
              () -> {
                for (int i = 0; i < 8; i++) {
                  burst.add(apply("crash", service + i, eligible()));
                }
              });
      await().atMost(LONG).until(() -> burst.size() >= 3 || submitter.isDone());
      ledger.faultStarted(service + " killed with SIGKILL mid-burst and restarted");
      system.killService(service);
      system.startService(service);
      ledger.faultEnded();
      submitter.join();
      assertThat(burst).hasSize(8);
      everyone.addAll(burst);
    }
    everyone.forEach(a -> ledger.expectMail(a.email(), 1));
    awaitExactMail(everyone);
    for (Applicant a : everyone) {
      given(recruiter())
          .queryParam("q", a.email())
          .get("/api/v1/applications")
          .then()
          .statusCode(200)
          // The search also finds look-alike addresses (typo tolerance): count this one's.
          .body(
              "items.findAll { it.candidate.email == '" + a.email() + "' }",
              org.hamcrest.Matchers.hasSize(1));
    }
  }

  @Test
  @Order(12)
  void shouldReportNotReadyWhileTheDatabaseIsDownAndRecoverAlone() {
    ledger.scenarios.add("PostgreSQL restarted");
    ledger.faultStarted("PostgreSQL stopped and started again");
    system.stopPostgres();
    for (String service : List.of("roles", "applications", "notifications")) {
      await(service + " not ready").atMost(LONG).until(() -> !system.ready(service));
    }
    system.startPostgres();
    for (String service : List.of("roles", "applications", "notifications")) {
      await(service + " ready again").atMost(LONG).until(() -> system.ready(service));
    }
    ledger.faultEnded();
    Applicant after = apply("crash", "after-db-restart", eligible());
    ledger.expectMail(after.email(), 1);
    awaitExactMail(List.of(after));
  }

  @Test
  @Order(13)
  void shouldDeliverEveryMessageOnceAfterAnSmtpOutage() {
    ledger.scenarios.add("SMTP outage");
    ledger.faultStarted("SMTP sink unavailable");
    system.stopSmtp();
    List<Applicant> burst = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      burst.add(apply("crash", "smtp" + i, eligible()));
    }
    for (Applicant a : burst) {
      await("notification recorded for " + a.email())
          .atMost(LONG)
          .until(
              () ->
                  json(given(recruiter())
                              .queryParam("applicationId", a.applicationId())
                              .get("/api/v1/notifications"))
                          .path("items")
                          .size()
                      > 0);
    }
    system.startSmtp();
    ledger.faultEnded();
    burst.forEach(a -> ledger.expectMail(a.email(), 1));
    awaitExactMail(burst);
  }

  // ---------------------------------------------------------------------------------------------
  // Hostile callers
  // ---------------------------------------------------------------------------------------------

  @Test
  @Order(20)
  void shouldAnswerHostileInputWithADocumented4xxAndWriteNothing() {
    ledger.scenarios.add("hostile input corpus");
    String role = roles.get("crash");
    int rolesBefore = countAll("/api/v1/roles");
    int applicationsBefore = countAll("/api/v1/applications");

    Map<String, String> badSubmissions = new LinkedHashMap<>();
    badSubmissions.put("malformed JSON", "{\"roleId\": ");
    badSubmissions.put("not an object", "[1,2,3]");
    badSubmissions.put(
        "wrong type",
        submission(role, "x@ats.test", "X", eligible()).replace("\"" + role + "\"", "42"));
    badSubmissions.put("missing fields", "{}");
    badSubmissions.put(
        "unknown field",
        submission(role, "y@ats.test", "Y", eligible()).replaceFirst("\\{", "{\"isAdmin\":true,"));
    badSubmissions.put("bad email", submission(role, "not-an-email", "Z", eligible()));
    badSubmissions.put("NUL character", submission(role, "n@ats.test", "Nu\\u0000ll", eligible()));
    badSubmissions.put(
        "name too long", submission(role, "l@ats.test", "L".repeat(201), eligible()));
    badSubmissions.put("deeply nested", "{\"roleId\":" + "[".repeat(3000) + "]".repeat(3000) + "}");
    badSubmissions.put(
        "no consent",
        submission(role, "c@ats.test", "C", eligible())
            .replace("\"accepted\":true", "\"accepted\":false"));
    badSubmissions.put(
        "wrong answer type",
        submission(role, "w@ats.test", "W", Map.of("commitsTwelveWeeks", "yes")));
    for (var bad : badSubmissions.entrySet()) {
      Response response =
          given(anonymous())
              .config(noPrettyPrinting())
              .body(bad.getValue())
              .post("/api/v1/applications");
      assertThat(response.statusCode()).as(bad.getKey()).isBetween(400, 499);
      assertThat(response.contentType()).as(bad.getKey()).startsWith(PROBLEM);
    }
    Response huge =
        given(anonymous())
            .config(noPrettyPrinting())
            .body("{\"source\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}")
            .post("/api/v1/applications");
    assertThat(huge.statusCode()).isEqualTo(413);

    // Documents (issue 13): judged by their bytes, held to 10 MiB, refused as problems.
    Response exe =
        given()
            .baseUri(system.gateway())
            .accept(ContentType.JSON)
            .multiPart("file", "resume.pdf", Documents.exe(), "application/pdf")
            .post("/api/v1/documents");
    assertThat(exe.statusCode()).as("an .exe named .pdf").isEqualTo(415);
    assertThat(exe.contentType()).startsWith(PROBLEM);
    Response eleven =
        given()
            .baseUri(system.gateway())
            .accept(ContentType.JSON)
            .multiPart("file", "big.pdf", new byte[11 * 1024 * 1024], "application/pdf")
            .post("/api/v1/documents");
    assertThat(eleven.statusCode()).as("11 MB").isEqualTo(413);
    assertThat(eleven.contentType()).startsWith(PROBLEM);

    Map<String, String> badRoles = new LinkedHashMap<>();
    badRoles.put("openings zero", roleBody("Zero", "Eng", 0));
    badRoles.put("blank title", roleBody(" ", "Eng", 1));
    badRoles.put("unknown operator", roleBody("Op", "Eng", 1).replace("\"EQUALS\"", "\"LIKE\""));
    badRoles.put(
        "bad date",
        roleBody("Date", "Eng", 1)
            .replaceFirst("\"respondBy\":\"[^\"]+\"", "\"respondBy\":\"tomorrow\""));
    for (var bad : badRoles.entrySet()) {
      Response response = given(recruiter()).body(bad.getValue()).post("/api/v1/roles");
      assertThat(response.statusCode()).as(bad.getKey()).isEqualTo(400);
      assertThat(response.contentType()).as(bad.getKey()).startsWith(PROBLEM);
    }

    // Injection strings are data: stored and shown verbatim, never interpreted.
    String sql = "Robert'); DROP TABLE application;--";
    String template = "{inject:vertx} ${7*7} {{7*7}} <script>alert(1)</script>";
    String odd = "\u202Eevil\u202C 👩🏽‍💻 e\u0301 \uFEFF";
    Applicant injected =
        applyAs(
            "crash",
            "inject",
            sql,
            template + " " + odd,
            eligible(),
            List.of(
                new Attachment("PORTFOLIO", "bomb.docx", Documents.zipBombDocx(200)),
                new Attachment("TRANSCRIPT", "huge.pdf", Documents.hugePdf(5000))));
    JsonNode stored =
        json(given(recruiter()).get("/api/v1/applications/" + injected.applicationId()));
    assertThat(stored.path("candidate").path("firstName").asText()).isEqualTo(sql);
    assertThat(stored.path("candidate").path("lastName").asText()).isEqualTo(template + " " + odd);
    ledger.expectMail(injected.email(), 1);
    awaitExactMail(List.of(injected));
    // The zip bomb and the 5 000-page PDF are stored but not extracted; the résumé beside them is.
    String documents = "/api/v1/applications/" + injected.applicationId() + "/documents";
    await("the injected applicant's documents extracted or flagged")
        .atMost(LONG)
        .until(
            () ->
                given(recruiter())
                    .get(documents)
                    .jsonPath()
                    .getList("textExtracted", Boolean.class)
                    .equals(List.of(true, false, false)));
    assertThat(given(recruiter()).get(documents).jsonPath().getList("fileName", String.class))
        .containsExactly("inject-cv.pdf", "bomb.docx", "huge.pdf");
    String mail = html(mailTo(injected.email()).get(0));
    assertThat(mail)
        .as("HTML part escapes what candidates typed")
        .doesNotContain("<script>alert(1)</script>");

    // Illegal transitions and stale versions.
    JsonNode app = json(given(recruiter()).get("/api/v1/applications/" + injected.applicationId()));
    long version = app.path("version").asLong();
    given(recruiter())
        .header("If-Match", "\"" + version + "\"")
        .body("{\"to\":\"HIRED\"}")
        .post("/api/v1/applications/" + injected.applicationId() + "/transitions")
        .then()
        .statusCode(409)
        .contentType(PROBLEM);
    given(recruiter())
        .header("If-Match", "\"" + (version + 7) + "\"")
        .body("{\"to\":\"SCREENING\"}")
        .post("/api/v1/applications/" + injected.applicationId() + "/transitions")
        .then()
        .statusCode(412)
        .contentType(PROBLEM);
    given(recruiter())
        .header("If-Match", "\"999\"")
        .contentType("application/merge-patch+json")
        .body("{\"title\":\"Stale\"}")
        .patch("/api/v1/roles/" + role)
        .then()
        .statusCode(412)
        .contentType(PROBLEM);

    assertThat(countAll("/api/v1/roles")).isEqualTo(rolesBefore);
    assertThat(countAll("/api/v1/applications")).isEqualTo(applicationsBefore + 1);
  }

  @Test
  @Order(21)
  void shouldAnswerEveryCallerWithWhatTheirRoleAllows() {
    ledger.scenarios.add("authorisation matrix");
    String role = roles.get("crash");
    Applicant someone = applicants.values().iterator().next();
    Map<String, RequestSpecification> forbiddenCallers = new LinkedHashMap<>();
    forbiddenCallers.put("no token", anonymous());
    forbiddenCallers.put("forged", bearer(TestTokens.forged("mallory", "recruiter")));
    forbiddenCallers.put("expired", bearer(TestTokens.expired("mallory", "recruiter")));
    forbiddenCallers.put("alg none", bearer(TestTokens.unsigned("mallory", "recruiter")));
    forbiddenCallers.put("wrong issuer", bearer(TestTokens.wrongIssuer("mallory", "recruiter")));
    for (var caller : forbiddenCallers.entrySet()) {
      for (String path :
          List.of(
              "/api/v1/applications",
              "/api/v1/notifications",
              "/api/v1/applications/" + someone.applicationId())) {
        Response response = given(caller.getValue()).get(path);
        assertThat(response.statusCode()).as(caller.getKey() + " GET " + path).isEqualTo(401);
        assertThat(response.contentType()).startsWith(PROBLEM);
      }
      Response create =
          given(caller.getValue()).body(roleBody("Nope", "Eng", 1)).post("/api/v1/roles");
      assertThat(create.statusCode()).as(caller.getKey() + " POST roles").isEqualTo(401);
    }
    for (RequestSpecification reader : List.of(integration(), hiringManager())) {
      given(reader).get("/api/v1/applications").then().statusCode(200);
      given(reader).get("/api/v1/roles/" + role).then().statusCode(200);
      given(reader)
          .body(roleBody("Nope", "Eng", 1))
          .post("/api/v1/roles")
          .then()
          .statusCode(403)
          .contentType(PROBLEM);
      given(reader).delete("/api/v1/candidates/" + someone.candidateId()).then().statusCode(403);
      given(reader)
          .body("{\"to\":\"SCREENING\"}")
          .post("/api/v1/applications/" + someone.applicationId() + "/transitions")
          .then()
          .statusCode(403);
    }
    given(hiringManager())
        .body("{\"body\":\"Strong systems answers.\"}")
        .post("/api/v1/applications/" + someone.applicationId() + "/notes")
        .then()
        .statusCode(201);
    given(integration())
        .body("{\"body\":\"Not allowed.\"}")
        .post("/api/v1/applications/" + someone.applicationId() + "/notes")
        .then()
        .statusCode(403);
  }

  // ---------------------------------------------------------------------------------------------
  // Helpers
  // ---------------------------------------------------------------------------------------------

  /** Uploads one document through the gateway (retried while a fault is on). */
  private static Map<String, Object> upload(Attachment attachment) {
    Response[] uploaded = new Response[1];
    await("upload of " + attachment.fileName())
        .atMost(LONG)
        .pollInterval(Duration.ofMillis(300))
        .ignoreExceptions()
        .until(
            () -> {
              Response response =
                  given()
                      .baseUri(system.gateway())
                      .accept(ContentType.JSON)
                      .filter(ledger)
                      .multiPart(
                          "file", attachment.fileName(), attachment.bytes(), "application/pdf")
                      .post("/api/v1/documents");
              assertThat(response.statusCode()).as(response.asString()).isIn(201, 502, 503, 504);
              uploaded[0] = response;
              return response.statusCode() == 201;
            });
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("id", uploaded[0].jsonPath().getString("id"));
    document.put("uploadToken", uploaded[0].jsonPath().getString("uploadToken"));
    document.put("kind", attachment.kind());
    return document;
  }

  private static String write(Object value) {
    try {
      return JSON.writeValueAsString(value);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static RequestSpecification anonymous() {
    return given()
        .baseUri(system.gateway())
        .contentType(ContentType.JSON)
        .accept(ContentType.JSON)
        .filter(ledger);
  }

  private static JsonNode report(String name, String roleId) {
    return json(recruiter().queryParam("roleId", roleId).get("/api/v1/reports/" + name));
  }

  private static List<JsonNode> stages(JsonNode funnel) {
    List<JsonNode> stages = new ArrayList<>();
    funnel.path("stages").forEach(stages::add);
    return stages;
  }

  private static RequestSpecification bearer(String token) {
    return anonymous().header("Authorization", "Bearer " + token);
  }

  private static RequestSpecification recruiter() {
    return anonymous().header("Authorization", TestTokens.recruiter());
  }

  private static RequestSpecification hiringManager() {
    return anonymous().header("Authorization", TestTokens.hiringManager());
  }

  private static RequestSpecification integration() {
    return anonymous().header("Authorization", TestTokens.integration());
  }

  private static io.restassured.config.RestAssuredConfig noPrettyPrinting() {
    return io.restassured.RestAssured.config()
        .logConfig(io.restassured.config.LogConfig.logConfig().enablePrettyPrinting(false));
  }

  private static String roleBody(String title, String team, int openings) {
    LocalDate respondBy = LocalDate.now().plusDays(30);
    Instant deadline = Instant.now().plus(29, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    return """
        {"title":"%s","team":"%s","description":"Ship and deliver projects over 12 weeks with autonomy and support.",
         "location":"Austin, TX","workplaceType":"HYBRID","employmentType":"INTERNSHIP","durationWeeks":12,
         "openings":%d,"applicationDeadline":"%s","respondBy":"%s",
         "eligibilityRules":[
           {"id":"commitsTwelveWeeks","question":"Can you commit to a 12-week internship?","answerType":"BOOLEAN",
            "rule":{"operator":"EQUALS","value":true},"required":true},
           {"id":"degree","question":"Which degree are you pursuing?","answerType":"CHOICE",
            "options":["Computer Science","Engineering","Mathematics","Statistics","Other"],
            "rule":{"operator":"ONE_OF","value":["Computer Science","Engineering","Mathematics","Statistics"]},
            "required":false}]}
        """
        .formatted(title, team, openings, deadline, respondBy);
  }

  private static String createAndOpenRole(String title, String team, int openings) {
    Response created =
        given(recruiter()).body(roleBody(title, team, openings)).post("/api/v1/roles");
    assertThat(created.statusCode()).as(created.asString()).isEqualTo(201);
    String id = created.jsonPath().getString("id");
    given(recruiter()).post("/api/v1/roles/" + id + "/open").then().statusCode(200);
    return id;
  }

  private static Map<String, Object> eligible() {
    return Map.of("commitsTwelveWeeks", true, "degree", "Computer Science");
  }

  private static String email(String name) {
    return name + "." + RUN + "@candidates.ats.test";
  }

  private static String submission(
      String roleId, String email, String firstName, Map<String, Object> answers) {
    return submission(roleId, email, firstName, "Tester", answers);
  }

  private static String submission(
      String roleId, String email, String firstName, String lastName, Map<String, Object> answers) {
    try {
      Map<String, Object> body = new LinkedHashMap<>();
      body.put("roleId", roleId);
      Map<String, Object> candidate = new LinkedHashMap<>();
      candidate.put("email", email);
      candidate.put("firstName", firstName);
      candidate.put("lastName", lastName);
      candidate.put("school", "State University");
      candidate.put("degree", "BSc Computer Science");
      candidate.put("graduationDate", "2027-06-30");
      body.put("candidate", candidate);
      body.put("answers", answers);
      body.put("consent", Map.of("privacyPolicyVersion", "2026-01", "accepted", true));
      body.put("source", "careers-page");
      return JSON.writeValueAsString(body).replace("\\\\u0000", "\\u0000");
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static Applicant apply(String roleKey, String name, Map<String, Object> answers) {
    return applyAs(roleKey, name, capitalise(name), "Tester", answers);
  }

  /**
   * Submits like a careers page that retries until it gets an answer: with one Idempotency-Key per
   * applicant, so that a retry after a lost response never creates a second application. Retries
   * while the role is not yet known to applications-service or a fault is on.
   */
  private static Applicant applyAs(
      String roleKey, String name, String firstName, String lastName, Map<String, Object> answers) {
    return applyAs(roleKey, name, firstName, lastName, answers, List.of());
  }

  /**
   * Uploads the applicant's résumé (a real PDF) and {@code extras}, then submits them with the
   * application (issue 13: every application of the story carries a résumé).
   */
  private static Applicant applyAs(
      String roleKey,
      String name,
      String firstName,
      String lastName,
      Map<String, Object> answers,
      List<Attachment> extras) {
    String email = email(name);
    String key = name + "-" + RUN;
    List<Attachment> attachments = new ArrayList<>();
    attachments.add(
        new Attachment(
            "RESUME", name + "-cv.pdf", Documents.resume("Resume of " + name + ": Java, SQL")));
    attachments.addAll(extras);
    List<Map<String, Object>> documents = new ArrayList<>();
    for (Attachment attachment : attachments) {
      documents.add(upload(attachment));
    }
    String body =
        submission(roles.get(roleKey), email, firstName, lastName, answers)
            .replaceFirst("\\{", "{\"documents\":" + write(documents) + ",");
    submittedBodies.put(email, body);
    Response[] accepted = new Response[1];
    await("application of " + name)
        .atMost(LONG)
        .pollInterval(Duration.ofMillis(300))
        .ignoreExceptions()
        .until(
            () -> {
              Response response =
                  given(anonymous())
                      .header("Idempotency-Key", key)
                      .body(body)
                      .post("/api/v1/applications");
              int status = response.statusCode();
              assertThat(status).as(response.asString()).isIn(201, 404, 409, 502, 503, 504);
              if (status == 201) {
                accepted[0] = response;
                return true;
              }
              return false;
            });
    Response response = accepted[0];
    Applicant applicant =
        new Applicant(
            email,
            response.jsonPath().getString("id"),
            response.jsonPath().getString("candidateId"),
            response.jsonPath().getString("accessToken"));
    assertThat(applicant.token()).isNotBlank();
    applicants.put(name, applicant);
    return applicant;
  }

  private static io.restassured.path.json.JsonPath application(Applicant a) {
    return given(recruiter())
        .get("/api/v1/applications/" + a.applicationId())
        .then()
        .statusCode(200)
        .extract()
        .jsonPath();
  }

  private static void hire(Applicant a) {
    for (String stage : List.of("SCREENING", "INTERVIEWING", "OFFERED", "HIRED")) {
      long version = application(a).getLong("version");
      given(recruiter())
          .header("If-Match", "\"" + version + "\"")
          .body("{\"to\":\"" + stage + "\",\"reason\":\"story\"}")
          .post("/api/v1/applications/" + a.applicationId() + "/transitions")
          .then()
          .statusCode(200);
    }
  }

  private static void awaitRoleStatus(String roleId, String status) {
    await("role " + roleId + " " + status)
        .atMost(LONG)
        .until(
            () ->
                status.equals(
                    given(recruiter())
                        .get("/api/v1/roles/" + roleId)
                        .jsonPath()
                        .getString("status")));
  }

  private static void awaitRejected(Applicant a, String reason) {
    await(a.email() + " rejected " + reason)
        .atMost(LONG)
        .until(
            () -> {
              var app = application(a);
              return "REJECTED".equals(app.getString("stage"))
                  && reason.equals(app.getString("rejectionReason"));
            });
  }

  private static int countAll(String path) {
    int count = 0;
    String cursor = null;
    do {
      RequestSpecification request = given(recruiter()).queryParam("limit", 100);
      if (cursor != null) {
        request.queryParam("cursor", cursor);
      }
      JsonNode page = json(request.get(path));
      count += page.path("items").size();
      cursor = page.path("nextCursor").isTextual() ? page.path("nextCursor").asText() : null;
    } while (cursor != null);
    return count;
  }

  private static JsonNode json(Response response) {
    try {
      assertThat(response.statusCode()).as(response.asString()).isLessThan(300);
      return JSON.readTree(response.asString());
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String capitalise(String s) {
    return Character.toUpperCase(s.charAt(0)) + s.substring(1);
  }

  // --- mail
  // ---------------------------------------------------------------------------------------

  private static Map<String, Integer> mailByRecipient() {
    Map<String, Integer> counts = new HashMap<>();
    for (MimeMessage message : system.allMail()) {
      try {
        for (Address to : message.getAllRecipients()) {
          counts.merge(to.toString().toLowerCase().replaceAll(".*<|>.*", ""), 1, Integer::sum);
        }
      } catch (MessagingException e) {
        throw new IllegalStateException(e);
      }
    }
    return counts;
  }

  private static List<MimeMessage> mailTo(String email) {
    return system.allMail().stream()
        .filter(
            m -> {
              try {
                for (Address to : m.getAllRecipients()) {
                  if (to.toString().toLowerCase().contains(email.toLowerCase())) {
                    return true;
                  }
                }
                return false;
              } catch (MessagingException e) {
                return false;
              }
            })
        .toList();
  }

  /** Everyone got exactly what the story implies: waits for it, then holds it for 5 s. */
  private static void awaitExactMail(List<Applicant> who) {
    Predicate<Map<String, Integer>> exact =
        counts ->
            who.stream()
                .allMatch(
                    a ->
                        counts
                            .getOrDefault(a.email().toLowerCase(), 0)
                            .equals(ledger.expectedMail.get(a.email().toLowerCase())));
    await("mail delivered")
        .atMost(Duration.ofSeconds(180))
        .until(() -> exact.test(mailByRecipient()));
    await("no duplicate mail")
        .during(Duration.ofSeconds(5))
        .atMost(Duration.ofSeconds(30))
        .until(() -> exact.test(mailByRecipient()));
  }

  /** All text parts of a message, decoded (plain text and HTML). */
  private static String body(MimeMessage message) {
    return parts(message, "text/");
  }

  private static String html(MimeMessage message) {
    return parts(message, "text/html");
  }

  private static String parts(MimeMessage message, String mimeType) {
    try {
      StringBuilder out = new StringBuilder();
      collect(message, mimeType, out);
      return out.toString();
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static void collect(jakarta.mail.Part part, String mimeType, StringBuilder out)
      throws Exception {
    Object content = part.getContent();
    if (content instanceof jakarta.mail.Multipart multipart) {
      for (int i = 0; i < multipart.getCount(); i++) {
        collect(multipart.getBodyPart(i), mimeType, out);
      }
    } else if (part.isMimeType(mimeType + (mimeType.endsWith("/") ? "*" : ""))) {
      out.append(content).append('\n');
    }
  }

  // --- kafka
  // --------------------------------------------------------------------------------------

  private static List<ConsumerRecord<String, String>> readTopicsFromStart(List<String> topics) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, system.kafkaBootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "hr-integration-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    List<ConsumerRecord<String, String>> records = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer())) {
      consumer.subscribe(topics);
      Instant quietUntil = Instant.now().plusSeconds(10);
      while (Instant.now().isBefore(quietUntil)) {
        var batch = consumer.poll(Duration.ofMillis(500));
        if (!batch.isEmpty()) {
          batch.forEach(records::add);
          quietUntil = Instant.now().plusSeconds(5);
        }
      }
    }
    return records;
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    var header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  private static long versionOf(ConsumerRecord<String, String> record) {
    try {
      JsonNode payload = JSON.readTree(record.value());
      if (payload.has("role")) {
        return payload.path("role").path("version").asLong();
      }
      return payload.path("version").asLong(0);
    } catch (java.io.IOException e) {
      throw new IllegalStateException(e);
    }
  }
}
