package dev.ats.applications;

import dev.ats.applications.service.documents.DocumentStorage;
import dev.ats.applications.service.documents.PostgresDocumentStorage;
import dev.ats.applications.service.documents.S3DocumentStorage;
import io.agroal.api.AgroalDataSource;
import jakarta.annotation.Priority;
import jakarta.enterprise.inject.Alternative;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Path;
import java.util.UUID;

/**
 * The tests' {@link DocumentStorage}: both real storages in one application, so one test JVM runs
 * the document tests against each without a second application (a test profile would load its own
 * copy of the test infrastructure and start a second PostgreSQL and Kafka). New documents go to
 * PostgreSQL, or to S3Proxy's bucket ({@link S3ProxyServer}, through the production {@link
 * S3DocumentStorage}) while {@link #useS3} is on; a document is read and deleted where it was
 * written (only the bucket's documents have a storage key).
 */
@Alternative
@Priority(1)
@Singleton
public class StorageUnderTest implements DocumentStorage {

  private static volatile boolean s3;

  private final PostgresDocumentStorage postgres;
  private volatile S3DocumentStorage bucket;

  public StorageUnderTest(AgroalDataSource dataSource) {
    this.postgres = new PostgresDocumentStorage(dataSource);
  }

  /** New documents go to the bucket while on. */
  static void useS3(boolean on) {
    s3 = on;
  }

  @Override
  public String name() {
    return writer().name();
  }

  @Override
  public boolean transactional() {
    return writer().transactional();
  }

  @Override
  public String keyFor(UUID documentId) {
    return writer().keyFor(documentId);
  }

  @Override
  public void write(UUID documentId, String storageKey, Path file, long size) throws IOException {
    holder(storageKey).write(documentId, storageKey, file, size);
  }

  @Override
  public void copyTo(UUID documentId, String storageKey, OutputStream out) throws IOException {
    holder(storageKey).copyTo(documentId, storageKey, out);
  }

  @Override
  public void delete(UUID documentId, String storageKey) {
    holder(storageKey).delete(documentId, storageKey);
  }

  private DocumentStorage writer() {
    return s3 ? bucket() : postgres;
  }

  private DocumentStorage holder(String storageKey) {
    return storageKey == null ? postgres : bucket();
  }

  private synchronized S3DocumentStorage bucket() {
    if (bucket == null) {
      bucket = S3DocumentStorage.create(S3ProxyServer.settings());
    }
    return bucket;
  }
}
