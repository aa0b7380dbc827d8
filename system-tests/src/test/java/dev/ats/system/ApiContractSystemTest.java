package dev.ats.system;

import static io.restassured.RestAssured.given;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.infra.test.TestTokens;
import io.restassured.http.ContentType;
import io.restassured.response.Response;
import io.restassured.specification.RequestSpecification;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The published contract, checked against the running system: every documented operation is driven
 * through the gateway (its success and the documented errors a caller can provoke), and every
 * answer must be declared by the gateway's merged document ({@code GET /openapi}) — status, content
 * type, body schema — and every {@code Location} must name the gateway ({@link ContractRecorder}).
 * The statuses only faults produce (429, 502, 503, 504) are not driven here.
 */
class ApiContractSystemTest {

  private static final Duration LONG = Duration.ofSeconds(120);
  private static final ObjectMapper JSON = new ObjectMapper();
  private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
  private static final String UNKNOWN = "00000000-0000-4000-8000-000000000000";
  private static final String MERGE_PATCH = "application/merge-patch+json";

  private static SystemUnderTest system;
  private static ContractRecorder contract;

  /** Steps that did not answer as this test expected (a wrong test, or a wrong system). */
  private static final List<String> surprises = new ArrayList<>();

  @BeforeAll
  static void start() throws Exception {
    system = SystemUnderTest.get();
    String document = system.openApi();
    contract = new ContractRecorder(document, JSON.readTree(document), system.gateway());
  }

  @Test
  void shouldAnswerEveryDocumentedOperationOnlyAsTheMergedDocumentSays() {
    roles();
    applications();
    documents();
    screening();
    notifications();

    System.out.println(
        "\n===== API contract =====\n"
            + contract.summary()
            + "steps that answered otherwise than this test expected: "
            + surprises.size()
            + "\n  "
            + String.join("\n  ", surprises));
    SoftAssertions.assertSoftly(
        softly -> {
          softly
              .assertThat(contract.violations())
              .as("answers the document does not describe")
              .isEmpty();
          softly.assertThat(surprises).as("steps that answered otherwise than expected").isEmpty();
          softly.assertThat(contract.unexercised()).as("operations never driven").isEmpty();
        });
  }

  // ---------------------------------------------------------------------------------------------

  private String roleId;
  private String roleEtag;
  private String applicationId;
  private String candidateId;
  private String accessToken;

  private void roles() {
    // createRole
    Response created = expect(201, recruiter().body(roleBody(RUN)).post("/api/v1/roles"));
    roleId = created.jsonPath().getString("id");
    expect(401, anonymous().body(roleBody(RUN)).post("/api/v1/roles"));
    expect(
        401,
        as("Bearer " + TestTokens.forged("x", "recruiter"))
            .body(roleBody(RUN))
            .post("/api/v1/roles"));
    expect(403, as(TestTokens.hiringManager()).body(roleBody(RUN)).post("/api/v1/roles"));
    expect(400, recruiter().body("{}").post("/api/v1/roles"));
    expect(
        415, recruiter().contentType(ContentType.TEXT).body(roleBody(RUN)).post("/api/v1/roles"));
    expect(
        413,
        recruiter()
            .body("{\"title\":\"" + "x".repeat(2 * 1024 * 1024) + "\"}")
            .post("/api/v1/roles"));

    // getRole (a DRAFT: recruiters only), updateRole
    Response draft = expect(200, recruiter().get("/api/v1/roles/" + roleId));
    roleEtag = draft.header("ETag");
    expect(304, recruiter().header("If-None-Match", roleEtag).get("/api/v1/roles/" + roleId));
    expect(404, anonymous().get("/api/v1/roles/" + roleId));
    expect(404, anonymous().get("/api/v1/roles/" + UNKNOWN));
    expect(400, anonymous().get("/api/v1/roles/not-a-uuid"));
    Response patched =
        expect(
            200,
            recruiter()
                .contentType(MERGE_PATCH)
                .header("If-Match", roleEtag)
                .body("{\"team\":\"Contracts\"}")
                .patch("/api/v1/roles/" + roleId));
    expect(
        412,
        recruiter()
            .contentType(MERGE_PATCH)
            .header("If-Match", roleEtag)
            .body("{\"team\":\"Stale\"}")
            .patch("/api/v1/roles/" + roleId));
    expect(
        428,
        recruiter()
            .contentType(MERGE_PATCH)
            .body("{\"team\":\"NoVersion\"}")
            .patch("/api/v1/roles/" + roleId));
    roleEtag = patched.header("ETag");
    expect(
        400,
        recruiter()
            .contentType(MERGE_PATCH)
            .header("If-Match", roleEtag)
            .body("{\"openings\":-3}")
            .patch("/api/v1/roles/" + roleId));
    expect(
        404,
        recruiter()
            .contentType(MERGE_PATCH)
            .header("If-Match", "\"1\"")
            .body("{\"team\":\"X\"}")
            .patch("/api/v1/roles/" + UNKNOWN));
    expect(
        403,
        as(TestTokens.hiringManager())
            .contentType(MERGE_PATCH)
            .header("If-Match", roleEtag)
            .body("{\"team\":\"X\"}")
            .patch("/api/v1/roles/" + roleId));

    // openRole, then the public views
    expect(200, recruiter().post("/api/v1/roles/" + roleId + "/open"));
    expect(409, recruiter().post("/api/v1/roles/" + roleId + "/open"));
    expect(404, recruiter().post("/api/v1/roles/" + UNKNOWN + "/open"));
    expect(403, as(TestTokens.integration()).post("/api/v1/roles/" + roleId + "/open"));
    expect(200, anonymous().get("/api/v1/roles"));
    expect(
        200, recruiter().queryParam("status", "OPEN").queryParam("limit", 1).get("/api/v1/roles"));
    expect(400, anonymous().queryParam("limit", "lots").get("/api/v1/roles"));
    expect(400, anonymous().queryParam("cursor", "not-a-cursor").get("/api/v1/roles"));
    Response open = expect(200, anonymous().get("/api/v1/roles/" + roleId));
    expect(
        304,
        anonymous().header("If-None-Match", open.header("ETag")).get("/api/v1/roles/" + roleId));

    // closeRole and reopenRole, on a second role
    String second =
        expect(201, recruiter().body(roleBody(RUN + "-b")).post("/api/v1/roles"))
            .jsonPath()
            .getString("id");
    expect(200, recruiter().post("/api/v1/roles/" + second + "/open"));
    expect(400, recruiter().post("/api/v1/roles/" + second + "/close"));
    expect(
        200,
        recruiter()
            .body("{\"reason\":\"Budget moved\"}")
            .post("/api/v1/roles/" + second + "/close"));
    expect(
        409, recruiter().body("{\"reason\":\"Again\"}").post("/api/v1/roles/" + second + "/close"));
    expect(
        403,
        as(TestTokens.hiringManager())
            .body("{\"reason\":\"x\"}")
            .post("/api/v1/roles/" + second + "/close"));
    expect(404, recruiter().body("{\"reason\":\"x\"}").post("/api/v1/roles/" + UNKNOWN + "/close"));
    expect(
        200,
        recruiter()
            .body("{\"additionalOpenings\":1,\"reason\":\"Funded\"}")
            .post("/api/v1/roles/" + second + "/reopen"));
    expect(409, recruiter().post("/api/v1/roles/" + second + "/reopen"));
    expect(
        400,
        recruiter()
            .body("{\"additionalOpenings\":-1}")
            .post("/api/v1/roles/" + second + "/reopen"));
    expect(404, recruiter().post("/api/v1/roles/" + UNKNOWN + "/reopen"));

    // listUnplacedHires
    expect(200, recruiter().get("/api/v1/roles/" + roleId + "/unplaced-hires"));
    expect(401, anonymous().get("/api/v1/roles/" + roleId + "/unplaced-hires"));
    expect(404, recruiter().get("/api/v1/roles/" + UNKNOWN + "/unplaced-hires"));
  }

  private void applications() {
    // submitApplication: the role reaches applications-service by event, so retry until it is known
    String key = "contract-" + RUN;
    String body = submission(roleId, "contract." + RUN + "@candidates.ats.test", true);
    Response[] accepted = new Response[1];
    await("the role known to applications-service")
        .atMost(LONG)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              Response r =
                  anonymous()
                      .header("Idempotency-Key", key)
                      .body(body)
                      .post("/api/v1/applications");
              accepted[0] = r;
              return r.statusCode() == 201;
            });
    applicationId = accepted[0].jsonPath().getString("id");
    candidateId = accepted[0].jsonPath().getString("candidateId");
    accessToken = accepted[0].jsonPath().getString("accessToken");
    expect(201, anonymous().header("Idempotency-Key", key).body(body).post("/api/v1/applications"));
    expect(
        422,
        anonymous()
            .header("Idempotency-Key", key)
            .body(submission(roleId, "other." + RUN + "@candidates.ats.test", true))
            .post("/api/v1/applications"));
    expect(409, anonymous().body(body).post("/api/v1/applications"));
    expect(
        400,
        anonymous()
            .body(submission(roleId, "invalid." + RUN + "@candidates.ats.test", false))
            .post("/api/v1/applications"));
    expect(
        404,
        anonymous()
            .body(submission(UNKNOWN, "nobody." + RUN + "@candidates.ats.test", true))
            .post("/api/v1/applications"));
    expect(415, anonymous().contentType(ContentType.TEXT).body(body).post("/api/v1/applications"));
    expect(
        401,
        as("Bearer " + TestTokens.forged("x", "recruiter"))
            .body(body)
            .post("/api/v1/applications"));
    // a token sent without its scheme is refused too, not served as an anonymous caller
    expect(401, as(TestTokens.forged("x", "recruiter")).body(body).post("/api/v1/applications"));

    // getApplication, as a recruiter and as the candidate
    String app = "/api/v1/applications/" + applicationId;
    Response read = expect(200, recruiter().get(app));
    expect(304, recruiter().header("If-None-Match", read.header("ETag")).get(app));
    expect(200, anonymous().header("X-Application-Token", accessToken).get(app));
    expect(404, anonymous().header("X-Application-Token", "not-the-token").get(app));
    expect(401, anonymous().get(app));
    expect(404, recruiter().get("/api/v1/applications/" + UNKNOWN));
    expect(400, recruiter().get("/api/v1/applications/not-a-uuid"));

    // listApplications
    expect(200, recruiter().queryParam("roleId", roleId).get("/api/v1/applications"));
    expect(200, as(TestTokens.hiringManager()).get("/api/v1/applications"));
    expect(400, recruiter().queryParam("stage", "DREAMING").get("/api/v1/applications"));
    expect(401, anonymous().get("/api/v1/applications"));

    // transitionApplication, listHistory
    long version = read.jsonPath().getLong("version");
    expect(
        200,
        recruiter()
            .header("If-Match", "\"" + version + "\"")
            .body("{\"to\":\"SCREENING\",\"reason\":\"contract\"}")
            .post(app + "/transitions"));
    expect(
        412,
        recruiter()
            .header("If-Match", "\"" + version + "\"")
            .body("{\"to\":\"INTERVIEWING\"}")
            .post(app + "/transitions"));
    expect(
        409,
        recruiter()
            .header("If-Match", "\"" + (version + 1) + "\"")
            .body("{\"to\":\"HIRED\"}")
            .post(app + "/transitions"));
    expect(400, recruiter().body("{\"to\":\"DREAMING\"}").post(app + "/transitions"));
    expect(
        403,
        as(TestTokens.hiringManager())
            .body("{\"to\":\"INTERVIEWING\"}")
            .post(app + "/transitions"));
    expect(
        404,
        recruiter()
            .header("If-Match", "\"1\"")
            .body("{\"to\":\"SCREENING\"}")
            .post("/api/v1/applications/" + UNKNOWN + "/transitions"));
    expect(200, recruiter().get(app + "/history"));
    expect(404, recruiter().get("/api/v1/applications/" + UNKNOWN + "/history"));

    // notes and evaluations
    expect(
        201, recruiter().body("{\"body\":\"Called; available from June.\"}").post(app + "/notes"));
    expect(400, recruiter().body("{\"body\":\"\"}").post(app + "/notes"));
    expect(403, as(TestTokens.integration()).body("{\"body\":\"x\"}").post(app + "/notes"));
    expect(
        404,
        recruiter().body("{\"body\":\"x\"}").post("/api/v1/applications/" + UNKNOWN + "/notes"));
    expect(200, recruiter().get(app + "/notes"));
    expect(404, recruiter().get("/api/v1/applications/" + UNKNOWN + "/notes"));
    expect(
        201,
        as(TestTokens.hiringManager())
            .body(
                "{\"overallRating\":3,\"criteria\":[{\"criterion\":\"Problem solving\",\"rating\":4}],"
                    + "\"comments\":\"Solid fundamentals.\"}")
            .post(app + "/evaluations"));
    expect(400, recruiter().body("{\"overallRating\":9}").post(app + "/evaluations"));
    expect(200, recruiter().get(app + "/evaluations"));
    expect(404, recruiter().get("/api/v1/applications/" + UNKNOWN + "/evaluations"));

    // withdraw (the candidate), then erase the candidate
    expect(
        404,
        anonymous()
            .header("X-Application-Token", accessToken)
            .post("/api/v1/applications/" + UNKNOWN + "/withdraw"));
    expect(200, anonymous().header("X-Application-Token", accessToken).post(app + "/withdraw"));
    expect(409, anonymous().header("X-Application-Token", accessToken).post(app + "/withdraw"));
  }

  private void notifications() {
    // The submission above gives its candidate a message: wait for it.
    String[] id = new String[1];
    await("a notification for the application")
        .atMost(LONG)
        .pollInterval(Duration.ofMillis(500))
        .until(
            () -> {
              Response r =
                  recruiter()
                      .queryParam("applicationId", applicationId)
                      .get("/api/v1/notifications");
              List<String> ids = r.statusCode() == 200 ? r.jsonPath().getList("items.id") : null;
              if (ids == null || ids.isEmpty()) {
                return false;
              }
              id[0] = ids.get(0);
              return true;
            });
    expect(200, as(TestTokens.integration()).get("/api/v1/notifications"));
    expect(403, as(TestTokens.hiringManager()).get("/api/v1/notifications"));
    expect(401, anonymous().get("/api/v1/notifications"));
    expect(400, recruiter().queryParam("applicationId", "nope").get("/api/v1/notifications"));
    expect(200, recruiter().get("/api/v1/notifications/" + id[0]));
    expect(404, recruiter().get("/api/v1/notifications/" + UNKNOWN));
    expect(404, recruiter().post("/api/v1/notifications/" + UNKNOWN + "/retry"));
    await("the message delivered")
        .atMost(LONG)
        .until(
            () ->
                "SENT"
                    .equals(
                        recruiter()
                            .get("/api/v1/notifications/" + id[0])
                            .jsonPath()
                            .getString("status")));
    Response delivered = recruiter().get("/api/v1/notifications/" + id[0]);
    expect(
        304,
        recruiter()
            .header("If-None-Match", delivered.header("ETag"))
            .get("/api/v1/notifications/" + id[0]));
    expect(409, recruiter().post("/api/v1/notifications/" + id[0] + "/retry"));
    expect(403, as(TestTokens.integration()).post("/api/v1/notifications/" + id[0] + "/retry"));

    // eraseCandidate (last: it erases what the steps above read)
    expect(403, as(TestTokens.hiringManager()).delete("/api/v1/candidates/" + candidateId));
    expect(404, recruiter().delete("/api/v1/candidates/" + UNKNOWN));
    Response erased = recruiter().delete("/api/v1/candidates/" + candidateId);
    if (erased.statusCode() / 100 != 2) {
      surprises.add("DELETE /api/v1/candidates/{id}: expected 2xx, got " + erased.statusCode());
    }
  }

  /** Issue 14's operations: bulk transitions, a role's pipeline counts, the reports. */
  private void screening() {
    // bulkTransitionApplications: an unknown application is an item's 404 inside a 200
    String unknownItem =
        "{\"applications\":[{\"id\":\""
            + UNKNOWN
            + "\",\"version\":1}],\"to\":\"REJECTED\",\"reason\":\"NOT_A_FIT\"}";
    String bulk = "/api/v1/applications/bulk-transitions";
    String key = "contract-bulk-" + RUN;
    expect(200, recruiter().header("Idempotency-Key", key).body(unknownItem).post(bulk));
    expect(200, recruiter().header("Idempotency-Key", key).body(unknownItem).post(bulk));
    expect(
        422,
        recruiter()
            .header("Idempotency-Key", key)
            .body(unknownItem.replace("NOT_A_FIT", "OTHER"))
            .post(bulk));
    expect(400, recruiter().body("{\"applications\":[],\"to\":\"REJECTED\"}").post(bulk));
    expect(401, anonymous().body(unknownItem).post(bulk));
    expect(403, as(TestTokens.hiringManager()).body(unknownItem).post(bulk));
    expect(415, recruiter().contentType(ContentType.TEXT).body(unknownItem).post(bulk));

    // getRolePipeline
    String pipeline = "/api/v1/roles/" + roleId + "/pipeline";
    expect(200, recruiter().get(pipeline));
    expect(200, as(TestTokens.hiringManager()).get(pipeline));
    expect(200, as(TestTokens.integration()).get(pipeline));
    expect(401, anonymous().get(pipeline));
    expect(403, as(TestTokens.bearer("someone@ats.test", "candidate")).get(pipeline));
    expect(404, recruiter().get("/api/v1/roles/" + UNKNOWN + "/pipeline"));
    expect(400, recruiter().get("/api/v1/roles/not-a-uuid/pipeline"));

    // the reports, as JSON and as CSV
    for (String report : List.of("funnel", "time-to-hire", "sources", "respond-by")) {
      String path = "/api/v1/reports/" + report;
      expect(200, recruiter().queryParam("roleId", roleId).get(path));
      expect(200, recruiter().accept("text/csv, application/problem+json").get(path));
      expect(200, as(TestTokens.integration()).get(path));
      expect(400, recruiter().queryParam("from", "last tuesday").get(path));
      expect(401, anonymous().get(path));
      expect(403, as(TestTokens.hiringManager()).get(path));
    }
    expect(400, recruiter().queryParam("waitingLimit", 0).get("/api/v1/reports/respond-by"));
  }

  /** Issue 13: upload, attach in a submission, list and download, through the gateway. */
  private void documents() {
    Response uploaded =
        expect(
            201,
            upload()
                .multiPart(
                    "file",
                    "cv.pdf",
                    Documents.resume("Casey Contract: Rust, Go"),
                    "application/pdf")
                .post("/api/v1/documents"));
    expect(400, upload().multiPart("other", "no file part").post("/api/v1/documents"));
    expect(
        400,
        upload()
            .multiPart("file", "empty.pdf", new byte[0], "application/pdf")
            .post("/api/v1/documents"));
    expect(
        415,
        upload()
            .multiPart("file", "cv.pdf", Documents.exe(), "application/pdf")
            .post("/api/v1/documents"));
    expect(
        413,
        upload()
            .multiPart("file", "big.pdf", new byte[11 * 1024 * 1024], "application/pdf")
            .post("/api/v1/documents"));

    String documentId = uploaded.jsonPath().getString("id");
    String body =
        submission(roleId, "documents." + RUN + "@candidates.ats.test", true)
            .replaceFirst(
                "\\{",
                "{\"documents\":[{\"id\":\""
                    + documentId
                    + "\",\"uploadToken\":\""
                    + uploaded.jsonPath().getString("uploadToken")
                    + "\",\"kind\":\"RESUME\"}],");
    Response submitted = expect(201, anonymous().body(body).post("/api/v1/applications"));
    String app = "/api/v1/applications/" + submitted.jsonPath().getString("id");
    String token = submitted.jsonPath().getString("accessToken");

    expect(200, recruiter().get(app + "/documents"));
    expect(200, as(TestTokens.hiringManager()).get(app + "/documents"));
    expect(200, anonymous().header("X-Application-Token", token).get(app + "/documents"));
    expect(401, anonymous().get(app + "/documents"));
    expect(404, anonymous().header("X-Application-Token", accessToken).get(app + "/documents"));
    expect(404, recruiter().get("/api/v1/applications/" + UNKNOWN + "/documents"));

    String download = app + "/documents/" + documentId;
    expect(200, recruiter().accept("application/pdf, application/problem+json").get(download));
    expect(
        200,
        anonymous()
            .accept("application/pdf, application/problem+json")
            .header("X-Application-Token", token)
            .get(download));
    // Another application's document, by its recruiter or its own candidate: 404.
    String elsewhere = "/api/v1/applications/" + applicationId + "/documents/" + documentId;
    expect(404, recruiter().accept("application/pdf, application/problem+json").get(elsewhere));
    expect(
        404,
        anonymous()
            .accept("application/pdf, application/problem+json")
            .header("X-Application-Token", accessToken)
            .get(elsewhere));
    expect(401, anonymous().accept("application/pdf, application/problem+json").get(download));
  }

  // ---------------------------------------------------------------------------------------------

  /** Multipart to the gateway, recorded against the contract like the JSON calls. */
  private static RequestSpecification upload() {
    return given()
        .baseUri(system.gateway())
        .filter(contract)
        .accept("application/json, application/problem+json");
  }

  private static Response expect(int status, Response response) {
    if (response.statusCode() != status) {
      String body = response.asString();
      surprises.add(
          "expected "
              + status
              + ", got "
              + response.statusCode()
              + ": "
              + (body.length() > 300 ? body.substring(0, 300) + "…" : body));
    }
    return response;
  }

  private static RequestSpecification anonymous() {
    return given()
        .baseUri(system.gateway())
        .filter(contract)
        .contentType(ContentType.JSON)
        .accept("application/json, application/problem+json");
  }

  private static RequestSpecification as(String authorization) {
    return anonymous().header("Authorization", authorization);
  }

  private static RequestSpecification recruiter() {
    return as(TestTokens.recruiter());
  }

  private static String roleBody(String run) {
    LocalDate respondBy = LocalDate.now().plusDays(30);
    Instant deadline = Instant.now().plus(29, ChronoUnit.DAYS).truncatedTo(ChronoUnit.SECONDS);
    return """
        {"title":"Contract Check - Intern %s","team":"Quality","description":"Check every answer the API gives against its document.",
         "location":"Remote","workplaceType":"REMOTE","employmentType":"INTERNSHIP","durationWeeks":12,
         "openings":2,"applicationDeadline":"%s","respondBy":"%s","resumeRequired":false,
         "eligibilityRules":[
           {"id":"commitsTwelveWeeks","question":"Can you commit to 12 weeks?","answerType":"BOOLEAN",
            "rule":{"operator":"EQUALS","value":true},"required":true},
           {"id":"yearsOfStudy","question":"Years of study?","answerType":"NUMBER",
            "rule":{"operator":"GTE","value":1},"required":false},
           {"id":"availableFrom","question":"Available from?","answerType":"DATE",
            "rule":{"operator":"ON_OR_BEFORE","value":"%s"},"required":false},
           {"id":"degree","question":"Which degree?","answerType":"CHOICE",
            "options":["Computer Science","Other"],
            "rule":{"operator":"ONE_OF","value":["Computer Science"]},"required":false}]}
        """
        .formatted(run, deadline, respondBy, LocalDate.now().plusDays(90));
  }

  private static String submission(String roleId, String email, boolean valid) {
    String answers =
        valid
            ? "{\"commitsTwelveWeeks\":true,\"yearsOfStudy\":2,\"availableFrom\":\""
                + LocalDate.now().plusDays(14)
                + "\",\"degree\":\"Computer Science\"}"
            : "{\"yearsOfStudy\":\"two\"}";
    return """
        {"roleId":"%s","candidate":{"email":"%s","firstName":"Casey","lastName":"Contract",
         "school":"State University","degree":"BSc","graduationDate":"2027-06-30"},
         "answers":%s,"consent":{"privacyPolicyVersion":"2026-01","accepted":true},"source":"careers-page"}
        """
        .formatted(roleId, email, answers);
  }
}
