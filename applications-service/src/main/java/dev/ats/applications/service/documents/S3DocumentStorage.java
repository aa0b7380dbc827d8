package dev.ats.applications.service.documents;

import dev.ats.applications.config.DocumentsConfig;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.S3ClientBuilder;
import software.amazon.awssdk.services.s3.model.DeleteObjectRequest;
import software.amazon.awssdk.services.s3.model.GetObjectRequest;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;

/**
 * Documents as objects of an S3-compatible bucket ({@code ats.documents.storage=s3}), one object
 * per document under {@code ats.documents.s3.prefix} + its id, through the AWS SDK v2 with the
 * JDK's HTTP client. Streamed both ways: an upload is sent from its spooled file with its known
 * length (a single PUT; the SDK can resend it from the file on a retry), a download is copied from
 * the response stream a buffer at a time. Objects are stored as {@code application/octet-stream}
 * whatever they hold, so a bucket opened by mistake still serves nothing a browser would run.
 *
 * <p>A bucket is not part of the database transaction ({@link #transactional()} is false): {@link
 * DocumentUploads} commits the row before it writes the object, so every object has a row; a
 * deleted row's object is deleted after that deletion committed ({@link DocumentObjectDeletions}).
 * Deleting an object that is not there is not an error.
 */
public class S3DocumentStorage implements DocumentStorage, AutoCloseable {

  private final S3Client s3;
  private final String bucket;
  private final String prefix;

  public S3DocumentStorage(S3Client s3, String bucket, String prefix) {
    this.s3 = s3;
    this.bucket = bucket;
    this.prefix = prefix;
  }

  /** The storage {@code ats.documents.s3.*} describes; credentials from the SDK's default chain. */
  public static S3DocumentStorage create(DocumentsConfig.S3 config) {
    String bucket =
        config
            .bucket()
            .map(String::trim)
            .filter(b -> !b.isEmpty())
            .orElseThrow(
                () ->
                    new IllegalStateException(
                        "ats.documents.storage=s3 needs ats.documents.s3.bucket"
                            + " (ATS_DOCUMENTS_S3_BUCKET)"));
    S3ClientBuilder builder =
        S3Client.builder()
            .httpClient(
                UrlConnectionHttpClient.builder()
                    .connectionTimeout(Duration.ofSeconds(10))
                    .socketTimeout(Duration.ofSeconds(60))
                    .build())
            .region(Region.of(config.region()))
            .credentialsProvider(DefaultCredentialsProvider.builder().build())
            .forcePathStyle(config.pathStyleAccess())
            // Checksums only where S3 requires them: not every S3-compatible store accepts the
            // SDK's default CRC trailers. Our SHA-256 is computed and kept by DocumentUploads.
            .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
            .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED);
    config
        .endpoint()
        .map(String::trim)
        .filter(e -> !e.isEmpty())
        .map(URI::create)
        .ifPresent(builder::endpointOverride);
    return new S3DocumentStorage(builder.build(), bucket, config.prefix());
  }

  @Override
  public String name() {
    return "S3";
  }

  @Override
  public boolean transactional() {
    return false;
  }

  @Override
  public String keyFor(UUID documentId) {
    return prefix + documentId;
  }

  @Override
  public void write(UUID documentId, String storageKey, Path file, long size) throws IOException {
    try {
      s3.putObject(
          PutObjectRequest.builder()
              .bucket(bucket)
              .key(storageKey)
              .contentLength(size)
              .contentType("application/octet-stream")
              .build(),
          RequestBody.fromFile(file));
    } catch (SdkException e) {
      throw new IOException("storing document " + documentId + " in the bucket failed", e);
    }
  }

  @Override
  public void copyTo(UUID documentId, String storageKey, OutputStream out) throws IOException {
    try (InputStream in =
        s3.getObject(GetObjectRequest.builder().bucket(bucket).key(storageKey).build())) {
      in.transferTo(out);
    } catch (NoSuchKeyException e) {
      throw new IOException("document " + documentId + " has no object in the bucket", e);
    } catch (SdkException e) {
      throw new IOException("reading document " + documentId + " from the bucket failed", e);
    }
  }

  @Override
  public void delete(UUID documentId, String storageKey) {
    // S3 answers 204 for a key that is not there (some compatible stores 404): deleting twice, or
    // what was never written, is fine. A failure throws; DocumentObjectDeletions tries again.
    try {
      s3.deleteObject(DeleteObjectRequest.builder().bucket(bucket).key(storageKey).build());
    } catch (NoSuchKeyException e) {
      // Gone already.
    }
  }

  @Override
  public void close() {
    s3.close();
  }
}
