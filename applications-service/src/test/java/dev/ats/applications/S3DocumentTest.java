package dev.ats.applications;

import static dev.ats.applications.TestDocuments.pdf;
import static dev.ats.applications.TestDocuments.upload;
import static org.assertj.core.api.Assertions.assertThat;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import java.time.Duration;
import java.time.Instant;
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
