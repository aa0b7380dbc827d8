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

  interface S3 {
    /** E.g. https://s3.eu-west-1.amazonaws.com or a MinIO URL. */
    Optional<String> endpoint();

    Optional<String> bucket();

    @WithDefault("us-east-1")
    String region();

    /** Key prefix inside the bucket. */
    @WithDefault("documents/")
    String prefix();
  }

  interface Extraction {
    /** How often the job looks for claimed documents still to extract. */
    @WithDefault("5s")
    String interval();

    /** Documents per run. */
    @WithDefault("10")
    int batchSize();

    /** Per document: past this, the extraction is abandoned and the document flagged. */
    @WithDefault("PT20S")
    Duration timeout();

    /** Text kept per document; longer text is cut (the document still counts as extracted). */
    @WithDefault("1000000")
    int maxChars();

    /** A PDF with more pages is stored but not extracted. */
    @WithDefault("500")
    int maxPages();

    /** DOCX/ODT: the most bytes read from the zip's XML entry. */
    @WithDefault("52428800")
    long maxZipEntryBytes();

    /** DOCX/ODT: an entry expanding more than this many times its compressed size is a bomb. */
    @WithDefault("100")
    int maxZipRatio();
  }
}
