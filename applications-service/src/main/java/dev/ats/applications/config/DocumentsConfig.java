package dev.ats.applications.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Documents candidates attach to applications ({@code ats.documents.*}, issue 13). */
@ConfigMapping(prefix = "ats.documents")
public interface DocumentsConfig {

  /** The largest file accepted (10 MiB); a bigger one is a 413 and never reaches storage. */
  @WithDefault("10485760")
  long maxBytes();

  /** How long an upload may wait for a submission to claim it before housekeeping deletes it. */
  @WithDefault("PT24H")
  Duration uploadExpiry();

  /**
   * Where the bytes go: {@code postgres} (default: table document_content in this service's own
   * database, nothing else to run) or {@code s3} (an S3-compatible bucket, {@link #s3()}).
   */
  @WithDefault("postgres")
  String storage();

  /** The S3-compatible bucket used when {@link #storage()} is {@code s3}. */
  S3 s3();

  /** The text extraction job's bounds. */
  Extraction extraction();

  /** Deleting a bucket's objects after their rows' deletion committed. */
  Deletion deletion();

  /** The purge of expired unclaimed uploads. */
  Purge purge();

  /**
   * An S3-compatible bucket (AWS S3, MinIO, Ceph, R2, …). Credentials come from the AWS SDK's
   * default chain: {@code AWS_ACCESS_KEY_ID}/{@code AWS_SECRET_ACCESS_KEY}, the web identity token
   * of IRSA in Kubernetes ({@code AWS_ROLE_ARN}, {@code AWS_WEB_IDENTITY_TOKEN_FILE}), a profile,
   * or the instance's role. The bucket must exist; the service never creates one.
   */
  interface S3 {
    /** The bucket; required when {@link #storage()} is {@code s3}. */
    Optional<String> bucket();

    /**
     * The service's URL, for a store other than AWS (e.g. {@code http://minio:9000}); absent: AWS
     * S3 of {@link #region()}.
     */
    Optional<String> endpoint();

    @WithDefault("us-east-1")
    String region();

    /**
     * {@code https://endpoint/bucket/key} instead of {@code https://bucket.endpoint/key}: most
     * MinIO and Ceph set-ups need it.
     */
    @WithDefault("false")
    boolean pathStyleAccess();

    /** Key prefix inside the bucket: an object's key is the prefix and the document id. */
    @WithDefault("documents/")
    String prefix();
  }

  interface Purge {
    /** Uploads deleted per transaction. */
    @WithDefault("200")
    int pageSize();

    /**
     * How long one housekeeping run may go on paging (the next run takes the rest). Keep it below
     * the transaction timeout: the housekeeping run's own transaction waits meanwhile.
     */
    @WithDefault("PT30S")
    Duration timeBudget();
  }

  interface Deletion {
    /** How often the job deletes the objects queued in {@code document_object_deletion}. */
    @WithDefault("10s")
    String interval();
  }

  interface Extraction {
    /** How often the job looks for claimed documents still to extract. */
    @WithDefault("5s")
    String interval();

    /**
     * When a run finds no document to extract, the wait before the next doubles, up to this; a run
     * that finds one goes back to {@link #interval()} (read by TextExtractionJob).
     */
    @WithDefault("10s")
    Duration idleInterval();

    /** Documents per run. */
    @WithDefault("10")
    int batchSize();

    /**
     * Per document, from when its thread starts it: past this the document is flagged, and a thread
     * that does not stop within 2 s more is abandoned (the next document gets a new one).
     */
    @WithDefault("PT20S")
    Duration timeout();

    /** Text kept per document; longer text is cut (the document still counts as extracted). */
    @WithDefault("1000000")
    int maxChars();

    /**
     * Threads abandoned past their deadline that may still be running before the job stops starting
     * new extractions (and the liveness check fails, so the pod is restarted: nothing else frees
     * them).
     */
    @WithDefault("4")
    int maxAbandonedThreads();

    /** A PDF with more pages is stored but not extracted. */
    @WithDefault("500")
    int maxPages();

    /**
     * PDF: the most scratch space PDFBox may use per document (temporary files, never the heap);
     * past it the document is flagged instead of extracted.
     */
    @WithDefault("104857600")
    long maxPdfScratchBytes();

    /** DOCX/ODT: the most bytes read from the zip's XML entry. */
    @WithDefault("52428800")
    long maxZipEntryBytes();

    /** DOCX/ODT: an entry expanding more than this many times its compressed size is a bomb. */
    @WithDefault("100")
    int maxZipRatio();
  }
}
