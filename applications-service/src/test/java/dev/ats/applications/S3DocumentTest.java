package dev.ats.applications;

import static dev.ats.applications.Fixtures.WAIT;
import static dev.ats.applications.Fixtures.eligibleAnswers;
import static dev.ats.applications.Fixtures.email;
import static dev.ats.applications.Fixtures.openRole;
import static dev.ats.applications.Fixtures.submission;
import static dev.ats.applications.Fixtures.submit;
import static dev.ats.applications.TestDocuments.attachment;
import static dev.ats.applications.TestDocuments.pdf;
import static dev.ats.applications.TestDocuments.upload;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.containsString;

import dev.ats.applications.domain.Document;
import dev.ats.infra.test.TestTokens;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.response.ExtractableResponse;
import io.restassured.response.Response;
import io.restassured.response.ValidatableResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Every document test again with the S3 storage, against a real S3 server ({@link S3ProxyServer},
 * through {@link StorageUnderTest}), and what only a bucket outside the transaction can do wrong.
 */
@QuarkusTest
class S3DocumentTest extends DocumentTests {

  @BeforeEach
  void storeInTheBucket() {
    StorageUnderTest.useS3(true);
  }

  @AfterEach
  void storeInPostgres() {
    StorageUnderTest.useS3(false);
    StorageUnderTest.withoutBucket(false);
  }

  /** A deployment switched from PostgreSQL to a bucket keeps the documents stored before. */
  @Test
  void shouldServeAndEraseDocumentsStoredInPostgresAfterSwitchingToTheBucket() {
    StorageUnderTest.useS3(false);
    byte[] before = pdf("stored before the switch: COBOL");
    Submitted old = submitWithResume(before);
    StorageUnderTest.useS3(true);
    byte[] after = pdf("stored after the switch: Zig");
    Submitted recent = submitWithResume(after);

    assertThat(bytes(old)).isEqualTo(before);
    assertThat(bytes(recent)).isEqualTo(after);
    assertThat(storageOf(old.documentId())).isEqualTo("POSTGRES");
    assertThat(storageOf(recent.documentId())).isEqualTo("S3");
    assertThat(bytesStored(recent.documentId())).isTrue();

    erase(old);
    assertThat(count("select count(*) from document where id = cast(?1 as uuid)", old.documentId()))
        .isZero();
    assertThat(
            count(
                "select count(*) from document_content where document_id = cast(?1 as uuid)",
                old.documentId()))
        .isZero();
  }

  /**
   * A document in a bucket that is no longer configured: its download is a clear 503, and erasing
   * its candidate still succeeds (the rows and text go); the object waits in the queue and is
   * deleted once the bucket is configured again.
   */
  @Test
  void shouldAnswer503ForADocumentInAMissingBucketAndStillEraseItsCandidate() {
    byte[] bytes = pdf("in a bucket that went away");
    Submitted submitted = submitWithResume(bytes);
    StorageUnderTest.withoutBucket(true);

    download(submitted)
        .statusCode(503)
        .contentType("application/problem+json")
        .body("type", containsString("storage-unavailable"));

    erase(submitted);
    assertThat(
            count(
                "select count(*) from document where id = cast(?1 as uuid)",
                submitted.documentId()))
        .isZero();
    objects.runOnce();
    assertThat(bytesStored(submitted.documentId())).isTrue();

    StorageUnderTest.withoutBucket(false);
    await().atMost(WAIT).until(() -> !bytesStored(submitted.documentId()));
  }

  private record Submitted(UUID applicationId, String candidateId, UUID documentId) {}

  private Submitted submitWithResume(byte[] resume) {
    Map<String, Object> body = submission(openRole(1, true), email(), eligibleAnswers());
    body.put("documents", List.of(attachment(resume, "cv.pdf", "RESUME")));
    ExtractableResponse<Response> submitted = submit(body);
    assertThat(submitted.statusCode()).as(submitted.body().asString()).isEqualTo(201);
    UUID app = UUID.fromString(submitted.path("id"));
    UUID document = UUID.fromString(documents(app, TestTokens.recruiter()).path("[0].id"));
    return new Submitted(app, submitted.path("candidateId"), document);
  }

  private static ValidatableResponse download(Submitted submitted) {
    return given()
        .header("Authorization", TestTokens.recruiter())
        .get(
            "/api/v1/applications/"
                + submitted.applicationId()
                + "/documents/"
                + submitted.documentId())
        .then();
  }

  private static byte[] bytes(Submitted submitted) {
    return download(submitted).statusCode(200).extract().asByteArray();
  }

  private static void erase(Submitted submitted) {
    given()
        .header("Authorization", TestTokens.recruiter())
        .delete("/api/v1/candidates/" + submitted.candidateId())
        .then()
        .statusCode(204);
  }

  private static String storageOf(UUID documentId) {
    return QuarkusTransaction.requiringNew()
        .call(() -> Document.<Document>findById(documentId).storage);
  }

  @Override
  protected boolean bytesStored(UUID documentId) {
    return S3ProxyServer.exists(S3ProxyServer.PREFIX + documentId);
  }

  @Test
  void shouldKeepTheObjectUnderThePrefixAndTheIdWithTheSameBytes() {
    byte[] bytes = pdf("in the bucket");
    UUID id = UUID.fromString(upload(bytes, "cv.pdf", "application/pdf").path("id"));
    try (S3Client s3 = S3ProxyServer.client()) {
      byte[] stored =
          s3.getObjectAsBytes(b -> b.bucket(S3ProxyServer.BUCKET).key(S3ProxyServer.PREFIX + id))
              .asByteArray();
      assertThat(stored).isEqualTo(bytes);
    }
  }

  @Test
  void shouldKeepNoRowWhenTheBucketRefusesTheObject() {
    long before = documentCount();
    S3ProxyServer.refuseWrites(true);
    try {
      upload(pdf("refused"), "cv.pdf", "application/pdf")
          .response()
          .then()
          .statusCode(503)
          .contentType("application/problem+json");
    } finally {
      S3ProxyServer.refuseWrites(false);
    }
    assertThat(documentCount()).isEqualTo(before);
  }

  /**
   * The row is committed before its object is written; if the process dies in between, the row has
   * no object (and nobody its upload token). The purge deletes it all the same.
   */
  @Test
  void shouldPurgeAnExpiredUploadWhoseObjectNeverArrived() {
    UUID id = UUID.fromString(upload(pdf("lost"), "cv.pdf", "application/pdf").path("id"));
    try (S3Client s3 = S3ProxyServer.client()) {
      s3.deleteObject(b -> b.bucket(S3ProxyServer.BUCKET).key(S3ProxyServer.PREFIX + id));
    }
    assertThat(bytesStored(id)).isFalse();

    QuarkusTransaction.requiringNew()
        .run(() -> purge.purge(Instant.now().plus(Duration.ofHours(25))));

    assertThat(count("select count(*) from document where id = cast(?1 as uuid)", id)).isZero();
  }
}
