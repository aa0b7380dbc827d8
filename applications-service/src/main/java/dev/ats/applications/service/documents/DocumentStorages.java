package dev.ats.applications.service.documents;

import dev.ats.applications.config.DocumentsConfig;
import dev.ats.web.error.ApiException;
import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.StartupEvent;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import jakarta.inject.Singleton;
import java.util.Locale;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * The storages a document's bytes may be in. New documents are written to the one {@code
 * ats.documents.storage} names ({@link #writer()}); a stored document is read and deleted in the
 * one its row names ({@code document.storage}, {@link #of}), whatever the setting says now. So a
 * deployment switched from PostgreSQL to a bucket (or back) keeps serving and erasing the documents
 * stored before: PostgreSQL is always there, the bucket whenever {@code ats.documents.s3.bucket} is
 * set.
 */
@Singleton
public class DocumentStorages {

  private static final Logger LOG = Logger.getLogger(DocumentStorages.class);

  /** {@code document.storage} of bytes in {@code document_content} (deleted with their row). */
  public static final String POSTGRES = "POSTGRES";

  /** {@code document.storage} of an object in the bucket. */
  public static final String S3 = "S3";

  private final PostgresDocumentStorage postgres;
  private final S3DocumentStorage bucket;
  private final boolean writeToBucket;

  @Inject
  public DocumentStorages(DocumentsConfig config, AgroalDataSource dataSource) {
    this.postgres = new PostgresDocumentStorage(dataSource);
    String configured = config.storage().trim().toLowerCase(Locale.ROOT);
    this.writeToBucket =
        switch (configured) {
          case "postgres" -> false;
          case "s3" -> true;
          default ->
              throw new IllegalStateException(
                  "ats.documents.storage must be postgres or s3, not " + config.storage());
        };
    boolean bucketSet =
        config.s3().bucket().map(String::trim).filter(b -> !b.isEmpty()).isPresent();
    // s3 without a bucket fails here, at the start, not at the first upload.
    this.bucket = writeToBucket || bucketSet ? S3DocumentStorage.create(config.s3()) : null;
  }

  /** For a test's subclass that decides itself where documents go. */
  protected DocumentStorages(AgroalDataSource dataSource) {
    this.postgres = new PostgresDocumentStorage(dataSource);
    this.bucket = null;
    this.writeToBucket = false;
  }

  /** Where new documents are written: the storage {@code ats.documents.storage} names. */
  public DocumentStorage writer() {
    return writeToBucket ? bucket : postgres;
  }

  /** The bucket, if one is configured. */
  protected Optional<DocumentStorage> bucket() {
    return Optional.ofNullable(bucket);
  }

  /** The storage a row names, if this deployment has it ({@code S3} needs a bucket configured). */
  public Optional<DocumentStorage> find(String name) {
    if (POSTGRES.equals(name)) {
      return Optional.of(postgres);
    }
    return S3.equals(name) ? bucket() : Optional.empty();
  }

  /**
   * The storage a row names.
   *
   * @throws ApiException 503 {@code storage-unavailable} if this deployment does not have it (a
   *     document in a bucket, and no bucket configured)
   */
  public DocumentStorage of(String name) {
    return find(name)
        .orElseThrow(
            () -> {
              LOG.warnf(
                  "a document is stored in %s, which is not configured (ats.documents.s3.bucket)",
                  name);
              return new ApiException(
                  503,
                  "storage-unavailable",
                  "Document storage unavailable",
                  "This document is kept in a storage the service cannot reach now. Try again"
                      + " later.");
            });
  }

  /** Whether bytes in this storage are rows of the database, deleted with their document row. */
  public static boolean inDatabase(String name) {
    return POSTGRES.equals(name);
  }

  @PreDestroy
  void close() {
    if (bucket != null) {
      bucket.close();
    }
  }

  /** A storage that is misconfigured stops the start, not the first upload. */
  static void atStart(@Observes StartupEvent start, DocumentStorages storages) {
    LOG.infof(
        "new documents are stored in %s; stored ones are read where their row says (a bucket is%s"
            + " configured)",
        storages.writer().name(), storages.bucket().isPresent() ? "" : " not");
  }
}
