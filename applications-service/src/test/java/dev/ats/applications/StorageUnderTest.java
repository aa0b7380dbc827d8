package dev.ats.applications;

import dev.ats.applications.service.documents.DocumentStorage;
import dev.ats.applications.service.documents.DocumentStorages;
import dev.ats.applications.service.documents.S3DocumentStorage;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.util.Optional;

/**
 * The tests' {@link DocumentStorages}: PostgreSQL and S3Proxy's bucket ({@link S3ProxyServer},
 * through the production {@link S3DocumentStorage}) in one application, so one test JVM runs the
 * document tests against each (a test profile would start a second PostgreSQL and Kafka). Only the
 * writer is the test's choice ({@link #useS3}); reads and deletes go where each row says, as in
 * production. {@link #withoutBucket} plays a deployment whose bucket setting was removed.
 */
@Alternative
@Priority(1)
@Singleton
public class StorageUnderTest extends DocumentStorages {

  private static volatile boolean s3;
  private static volatile boolean noBucket;

  private S3DocumentStorage bucket;

  public StorageUnderTest(AgroalDataSource dataSource) {
    super(dataSource);
  }

  /** New documents go to the bucket while on (as {@code ats.documents.storage=s3}). */
  static void useS3(boolean on) {
    s3 = on;
  }

  /** While on, no bucket is configured (as if {@code ats.documents.s3.bucket} were removed). */
  static void withoutBucket(boolean on) {
    noBucket = on;
  }

  @Override
  public DocumentStorage writer() {
    return s3 ? s3Storage() : super.writer();
  }

  @Override
  protected Optional<DocumentStorage> bucket() {
    return noBucket ? Optional.empty() : Optional.of(s3Storage());
  }

  private synchronized S3DocumentStorage s3Storage() {
    if (bucket == null) {
      bucket = S3DocumentStorage.create(S3ProxyServer.settings());
    }
    return bucket;
  }
}
