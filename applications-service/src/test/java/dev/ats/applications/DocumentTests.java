package dev.ats.applications;

import static dev.ats.applications.Fixtures.WAIT;
import static dev.ats.applications.Fixtures.awaitEvents;
import static dev.ats.applications.Fixtures.eligibleAnswers;
import static dev.ats.applications.Fixtures.email;
import static dev.ats.applications.Fixtures.ofType;
import static dev.ats.applications.Fixtures.openRole;
import static dev.ats.applications.Fixtures.submission;
import static dev.ats.applications.Fixtures.submit;
import static dev.ats.applications.TestDocuments.attachment;
import static dev.ats.applications.TestDocuments.blankPdf;
import static dev.ats.applications.TestDocuments.docx;
import static dev.ats.applications.TestDocuments.exe;
import static dev.ats.applications.TestDocuments.pdf;
import static dev.ats.applications.TestDocuments.upload;
import static dev.ats.applications.TestDocuments.zipBombDocx;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasSize;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.applications.domain.Document;
import dev.ats.applications.domain.ExtractionState;
import dev.ats.applications.service.documents.DocumentErasure;
import dev.ats.applications.service.documents.DocumentObjectDeletions;
import dev.ats.applications.service.documents.UnclaimedDocumentPurge;
import dev.ats.infra.test.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.restassured.RestAssured;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Duration;
import java.time.Instant;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The documents tests, run once per storage: {@link DocumentTest} (PostgreSQL, the default) and
 * {@link S3DocumentTest} (an S3-compatible bucket). What depends on the storage is {@link
 * #bytesStored}.
 */
abstract class DocumentTests {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Inject UnclaimedDocumentPurge purge;
  @Inject DocumentErasure erasure;
  @Inject DocumentObjectDeletions objects;
  @Inject EntityManager em;

  @Test
  void shouldAttachAPdfAndADocxExtractThemAndServeThemToStaffAndTheirCandidateOnly()
      throws Exception {
    UUID role = openRole(2, true);
    byte[] resume = pdf("Ada Lovelace resume Rust distributed systems");
    byte[] letter = docx("Cover letter about analytical engines and security");
    Map<String, Object> body = submission(role, email(), eligibleAnswers());
    body.put(
        "documents",
        List.of(
            attachment(resume, "Ada CV (final).pdf", "RESUME"),
            attachment(letter, "letter.docx", "COVER_LETTER")));

    ExtractableResponse<Response> submitted = submit(body);
    assertThat(submitted.statusCode()).as(submitted.body().asString()).isEqualTo(201);
    UUID app = UUID.fromString(submitted.path("id"));
    String token = submitted.path("accessToken");

    JsonNode event =
        JSON.readTree(
            awaitEvents(app.toString(), ofType("dev.ats.application.submitted.v1"), 1)
                .get(0)
                .value());
    assertThat(event.toString()).doesNotContain("letter.docx").doesNotContain("Rust");
    assertThat(event.findValuesAsText("kind")).containsExactly("RESUME", "COVER_LETTER");

    await()
        .atMost(WAIT)
        .until(
            () ->
                documents(app, TestTokens.recruiter())
                    .jsonPath()
                    .getList("textExtracted", Boolean.class)
                    .equals(List.of(true, true)));
    ExtractableResponse<Response> list = documents(app, TestTokens.recruiter());
    assertThat(list.jsonPath().getList("kind", String.class))
        .containsExactly("RESUME", "COVER_LETTER");
    assertThat(list.jsonPath().getList("contentType", String.class))
        .containsExactly(
            "application/pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document");
    assertThat(list.jsonPath().getString("[0].sha256")).isEqualTo(sha256(resume));
    assertThat(list.jsonPath().getLong("[0].sizeBytes")).isEqualTo(resume.length);
    UUID resumeId = UUID.fromString(list.path("[0].id"));
    UUID letterId = UUID.fromString(list.path("[1].id"));
    assertThat(text(resumeId)).contains("Rust distributed systems");
    assertThat(text(letterId)).contains("analytical engines");

    byte[] downloaded =
        given()
            .header("Authorization", TestTokens.recruiter())
            .get("/api/v1/applications/" + app + "/documents/" + resumeId)
            .then()
            .statusCode(200)
            .header("Content-Type", "application/pdf")
            .header(
                "Content-Disposition", "attachment; filename*=UTF-8''Ada%20CV%20%28final%29.pdf")
            .header("X-Content-Type-Options", "nosniff")
            .header("Content-Security-Policy", "default-src 'none'; sandbox")
            .extract()
            .asByteArray();
    assertThat(downloaded).isEqualTo(resume);
    given()
        .header("Authorization", TestTokens.hiringManager())
        .get("/api/v1/applications/" + app + "/documents/" + letterId)
        .then()
        .statusCode(200);
    byte[] byCandidate =
        given()
            .header("X-Application-Token", token)
            .get("/api/v1/applications/" + app + "/documents/" + letterId)
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    assertThat(byCandidate).isEqualTo(letter);
    given()
        .header("X-Application-Token", token)
        .get("/api/v1/applications/" + app + "/documents")
        .then()
        .statusCode(200)
        .body("$", hasSize(2));

    // Another application (its own token) reaches neither this list nor these bytes.
    Fixtures.Submitted other = Fixtures.submitEligible(openRole(1));
    given()
        .header("X-Application-Token", other.accessToken())
        .get("/api/v1/applications/" + app + "/documents/" + resumeId)
        .then()
        .statusCode(404);
    given()
        .header("X-Application-Token", other.accessToken())
        .get("/api/v1/applications/" + other.id() + "/documents/" + resumeId)
        .then()
        .statusCode(404);
    given()
        .header("Authorization", TestTokens.recruiter())
        .get("/api/v1/applications/" + other.id() + "/documents/" + resumeId)
        .then()
        .statusCode(404);
    given().get("/api/v1/applications/" + app + "/documents").then().statusCode(401);
  }

  @Test
  void shouldRefuseAnExecutableNamedPdfWith415() {
    upload(exe(), "resume.pdf", "application/pdf")
        .response()
        .then()
        .statusCode(415)
        .contentType("application/problem+json");
    upload("<html><script>alert(1)</script></html>".getBytes(), "cv.txt", "text/plain")
        .response()
        .then()
        .statusCode(415);
  }

  @Test
  void shouldRefuseElevenMegabytesWith413BeforeStoringAnything() throws Exception {
    long before = documentCount();
    byte[] big = new byte[11 * 1024 * 1024];
    System.arraycopy(pdf("x"), 0, big, 0, 100);
    upload(big, "big.pdf", "application/pdf")
        .response()
        .then()
        .statusCode(413)
        .contentType("application/problem+json");
    assertThat(documentCount()).isEqualTo(before);

    // With a declared length: refused before the body is read.
    String boundary = "b" + UUID.randomUUID();
    byte[] head =
        ("--"
                + boundary
                + "\r\nContent-Disposition: form-data; name=\"file\"; filename=\"big.pdf\"\r\n"
                + "Content-Type: application/pdf\r\n\r\n")
            .getBytes(StandardCharsets.US_ASCII);
    byte[] tail = ("\r\n--" + boundary + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    byte[] multipart = new byte[head.length + big.length + tail.length];
    System.arraycopy(head, 0, multipart, 0, head.length);
    System.arraycopy(big, 0, multipart, head.length, big.length);
    System.arraycopy(tail, 0, multipart, head.length + big.length, tail.length);
    HttpResponse<String> declared =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(
                        URI.create(
                            RestAssured.baseURI + ":" + RestAssured.port + "/api/v1/documents"))
                    .header("Content-Type", "multipart/form-data; boundary=" + boundary)
                    .POST(HttpRequest.BodyPublishers.ofByteArray(multipart))
                    .build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(declared.statusCode()).isEqualTo(413);
    assertThat(declared.headers().firstValue("Content-Type")).hasValue("application/problem+json");
    assertThat(documentCount()).isEqualTo(before);
  }

  @Test
  void shouldRefuseAnEmptyFileOrNoFileWith400() {
    upload(new byte[0], "empty.pdf", "application/pdf").response().then().statusCode(400);
    given()
        .multiPart("other", "x")
        .post("/api/v1/documents")
        .then()
        .statusCode(400)
        .contentType("application/problem+json");
  }

  @Test
  void shouldAcceptTxtAndRtfAndExtractTheirText() {
    UUID role = openRole(2, true);
    Map<String, Object> body = submission(role, email(), eligibleAnswers());
    body.put(
        "documents",
        List.of(
            attachment("Plain résumé: Go and Kubernetes".getBytes(), "cv.txt", "RESUME"),
            attachment(
                "{\\rtf1\\ansi{\\fonttbl{\\f0 Times;}}\\f0 Transcript: Compilers \\'e9t\\'e9\\par}"
                    .getBytes(),
                "t.rtf",
                "TRANSCRIPT")));
    ExtractableResponse<Response> submitted = submit(body);
    assertThat(submitted.statusCode()).as(submitted.body().asString()).isEqualTo(201);
    UUID app = UUID.fromString(submitted.path("id"));
    await().atMost(WAIT).until(() -> states(app).stream().allMatch(s -> s == ExtractionState.DONE));
    List<UUID> ids =
        documents(app, TestTokens.recruiter()).jsonPath().getList("id", String.class).stream()
            .map(UUID::fromString)
            .toList();
    assertThat(text(ids.get(0))).contains("Go and Kubernetes");
    assertThat(text(ids.get(1))).contains("Transcript: Compilers été").doesNotContain("Times");
  }

  @Test
  void shouldRequireAResumeWhenTheRoleDoesAndRefuseUploadsThatCannotBeClaimed() {
    UUID role = openRole(2, true);
    submit(submission(role, email(), eligibleAnswers()))
        .response()
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("documents")));

    Map<String, Object> resume = attachment(pdf("resume"), "cv.pdf", "RESUME");
    Map<String, Object> wrongToken =
        Map.of("id", resume.get("id"), "uploadToken", "not-the-token", "kind", "RESUME");
    Map<String, Object> unknown =
        Map.of("id", UUID.randomUUID().toString(), "uploadToken", "x", "kind", "PORTFOLIO");
    Map<String, Object> body = submission(role, email(), eligibleAnswers());
    body.put("documents", List.of(wrongToken, unknown));
    submit(body)
        .response()
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("documents[0]", "documents[1]")));

    body.put("documents", List.of(resume));
    submit(body).response().then().statusCode(201);
    // Claimed once: a second submission cannot take it.
    Map<String, Object> again = submission(openRole(1, true), email(), eligibleAnswers());
    again.put("documents", List.of(resume));
    submit(again)
        .response()
        .then()
        .statusCode(400)
        .body("violations.field", equalTo(List.of("documents[0]")));
  }

  @Test
  void shouldReplayASubmissionWithDocumentsForTheSameIdempotencyKey() {
    UUID role = openRole(1, true);
    Map<String, Object> body = submission(role, email(), eligibleAnswers());
    body.put("documents", List.of(attachment(pdf("resume"), "cv.pdf", "RESUME")));
    String key = "documents-" + UUID.randomUUID();

    ExtractableResponse<Response> first =
        given()
            .header("Idempotency-Key", key)
            .contentType("application/json")
            .body(body)
            .post("/api/v1/applications")
            .then()
            .extract();
    ExtractableResponse<Response> again =
        given()
            .header("Idempotency-Key", key)
            .contentType("application/json")
            .body(body)
            .post("/api/v1/applications")
            .then()
            .extract();

    assertThat(first.statusCode()).as(first.body().asString()).isEqualTo(201);
    assertThat(again.statusCode()).isEqualTo(201);
    assertThat(again.<String>path("id")).isEqualTo(first.path("id"));
    documents(UUID.fromString(first.path("id")), TestTokens.recruiter())
        .response()
        .then()
        .body("$", hasSize(1));
  }

  @Test
  void shouldNotRequireAResumeWhenTheRoleEventDoesNotSay() {
    UUID role = openRole(1);
    assertThat(Fixtures.roleCopy(role).resumeRequired).isFalse();
    submit(submission(role, email(), eligibleAnswers())).response().then().statusCode(201);
  }

  @Test
  void shouldStoreAZipBombAndAHugePdfWithoutTextAndStillExtractTheNextDocument() {
    UUID role = openRole(3, false);
    Map<String, Object> first = submission(role, email(), eligibleAnswers());
    first.put(
        "documents",
        List.of(
            attachment(zipBombDocx(200), "bomb.docx", "PORTFOLIO"),
            attachment(blankPdf(5000), "huge.pdf", "TRANSCRIPT")));
    ExtractableResponse<Response> bombed = submit(first);
    assertThat(bombed.statusCode()).as(bombed.body().asString()).isEqualTo(201);
    UUID bombedApp = UUID.fromString(bombed.path("id"));
    Map<String, Object> second = submission(role, email(), eligibleAnswers());
    second.put("documents", List.of(attachment(pdf("Next one: Haskell"), "next.pdf", "RESUME")));
    UUID nextApp = UUID.fromString(submit(second).path("id"));

    await().atMost(WAIT).until(() -> states(nextApp).equals(List.of(ExtractionState.DONE)));
    await()
        .atMost(WAIT)
        .until(
            () ->
                states(bombedApp).equals(List.of(ExtractionState.FAILED, ExtractionState.FAILED)));
    documents(bombedApp, TestTokens.recruiter())
        .response()
        .then()
        .body("textExtracted", equalTo(List.of(false, false)))
        .body("fileName", equalTo(List.of("bomb.docx", "huge.pdf")));
    // Still stored and downloadable.
    String bombId = documents(bombedApp, TestTokens.recruiter()).path("[0].id");
    given()
        .header("Authorization", TestTokens.recruiter())
        .get("/api/v1/applications/" + bombedApp + "/documents/" + bombId)
        .then()
        .statusCode(200)
        .header("Content-Type", containsString("wordprocessingml"));
  }

  @Test
  void shouldDeleteDocumentsBytesAndTextWhenTheCandidateIsErased() {
    UUID role = openRole(1, true);
    Map<String, Object> body = submission(role, email(), eligibleAnswers());
    body.put("documents", List.of(attachment(pdf("erase me: Fortran"), "cv.pdf", "RESUME")));
    ExtractableResponse<Response> submitted = submit(body);
    UUID app = UUID.fromString(submitted.path("id"));
    String candidateId = submitted.path("candidateId");
    await().atMost(WAIT).until(() -> states(app).equals(List.of(ExtractionState.DONE)));
    UUID documentId = UUID.fromString(documents(app, TestTokens.recruiter()).path("[0].id"));

    given()
        .header("Authorization", TestTokens.recruiter())
        .delete("/api/v1/candidates/" + candidateId)
        .then()
        .statusCode(204);

    documents(app, TestTokens.recruiter()).response().then().statusCode(200).body("$", hasSize(0));
    assertThat(count("select count(*) from document where id = cast(?1 as uuid)", documentId))
        .isZero();
    // A bucket's object goes once the erasure has committed (PostgreSQL's bytes went with it).
    await().atMost(WAIT).until(() -> !bytesStored(documentId));
  }

  @Test
  void shouldKeepTheBytesWhenAnErasureRollsBackAfterDeletingTheDocuments() {
    UUID role = openRole(1, true);
    byte[] resume = pdf("kept after a rollback: Ada");
    Map<String, Object> body = submission(role, email(), eligibleAnswers());
    body.put("documents", List.of(attachment(resume, "cv.pdf", "RESUME")));
    UUID app = UUID.fromString(submit(body).path("id"));
    UUID documentId = UUID.fromString(documents(app, TestTokens.recruiter()).path("[0].id"));

    // Fails after the point where the objects used to be deleted, before the commit.
    assertThatThrownBy(
            () ->
                QuarkusTransaction.requiringNew()
                    .run(
                        () -> {
                          assertThat(erasure.deleteOf(List.of(app))).isOne();
                          throw new IllegalStateException("the erasure fails after this point");
                        }))
        .isInstanceOf(RuntimeException.class);
    objects.runOnce();

    assertThat(count("select count(*) from document where id = cast(?1 as uuid)", documentId))
        .isOne();
    assertThat(bytesStored(documentId)).isTrue();
    byte[] downloaded =
        given()
            .header("Authorization", TestTokens.recruiter())
            .get("/api/v1/applications/" + app + "/documents/" + documentId)
            .then()
            .statusCode(200)
            .extract()
            .asByteArray();
    assertThat(downloaded).isEqualTo(resume);
  }

  @Test
  void shouldPurgeUploadsNobodyClaimedWithinADay() {
    String id = upload(pdf("never claimed"), "cv.pdf", "application/pdf").path("id");
    UUID documentId = UUID.fromString(id);
    assertThat(bytesStored(documentId)).isTrue();

    QuarkusTransaction.requiringNew()
        .run(() -> purge.purge(Instant.now().plus(Duration.ofHours(1))));
    assertThat(count("select count(*) from document where id = cast(?1 as uuid)", documentId))
        .isOne();
    QuarkusTransaction.requiringNew()
        .run(() -> purge.purge(Instant.now().plus(Duration.ofHours(25))));
    assertThat(count("select count(*) from document where id = cast(?1 as uuid)", documentId))
        .isZero();
    await().atMost(WAIT).until(() -> !bytesStored(documentId));
  }

  // --- helpers ----------------------------------------------------------------------------------

  /** Whether the storage still holds any of the document's bytes. */
  protected abstract boolean bytesStored(UUID documentId);

  static ExtractableResponse<Response> documents(UUID app, String bearer) {
    return given()
        .header("Authorization", bearer)
        .get("/api/v1/applications/" + app + "/documents")
        .then()
        .extract();
  }

  static List<ExtractionState> states(UUID app) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                Document.<Document>list("applicationId = ?1 order by uploadedAt, id", app).stream()
                    .map(d -> d.extractionState)
                    .toList());
  }

  private static String text(UUID documentId) {
    return QuarkusTransaction.requiringNew()
        .call(() -> Document.<Document>findById(documentId).extractedText);
  }

  long documentCount() {
    return QuarkusTransaction.requiringNew().call(() -> Document.count());
  }

  long count(String sql, UUID id) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        em.createNativeQuery(sql).setParameter(1, id.toString()).getSingleResult())
                    .longValue());
  }

  private static String sha256(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
  }
}
