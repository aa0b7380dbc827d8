package dev.ats.applications.domain;

import io.quarkus.hibernate.orm.panache.PanacheEntityBase;
import jakarta.persistence.Basic;
import jakarta.persistence.Column;
import jakarta.persistence.Entity;
import jakarta.persistence.EnumType;
import jakarta.persistence.Enumerated;
import jakarta.persistence.FetchType;
import jakarta.persistence.Id;
import jakarta.persistence.Table;
import java.time.Instant;
import java.util.UUID;

/**
 * A file a candidate uploaded (metadata only: the bytes are in the {@code DocumentStorage}). An
 * upload is unclaimed ({@link #applicationId} null) until a submission presents its id and upload
 * token; unclaimed uploads are purged after {@link #expiresAt}.
 */
@Entity
@Table(name = "document")
public class Document extends PanacheEntityBase {

  @Id public UUID id;

  @Column(name = "application_id")
  public UUID applicationId;

  @Enumerated(EnumType.STRING)
  public DocumentKind kind;

  @Column(name = "file_name")
  public String fileName;

  /** The type detected from the bytes (never the client's claim). */
  @Column(name = "content_type")
  public String contentType;

  @Column(name = "size_bytes")
  public long sizeBytes;

  /** Lower-case hex. */
  public String sha256;

  /** SHA-256 of the upload token; null once claimed. */
  @Column(name = "upload_token_hash")
  public byte[] uploadTokenHash;

  /** Which storage holds the bytes: {@code POSTGRES} or {@code S3}. */
  public String storage;

  @Column(name = "storage_key")
  public String storageKey;

  @Enumerated(EnumType.STRING)
  @Column(name = "extraction_state")
  public ExtractionState extractionState;

  @Column(name = "text_extracted")
  public boolean textExtracted;

  /** Loaded only when read: lists of documents never fetch the text. */
  @Basic(fetch = FetchType.LAZY)
  @Column(name = "extracted_text")
  public String extractedText;

  @Column(name = "extraction_error")
  public String extractionError;

  @Column(name = "uploaded_at")
  public Instant uploadedAt;

  @Column(name = "expires_at")
  public Instant expiresAt;

  @Column(name = "claimed_at")
  public Instant claimedAt;

  @Column(name = "extracted_at")
  public Instant extractedAt;

  /** Extractions started (each committed before it starts; see TextExtractionJob). */
  @Column(name = "extraction_attempts")
  public int extractionAttempts;

  /** When the last extraction started: nobody takes the document again before its lease ends. */
  @Column(name = "extraction_started_at")
  public Instant extractionStartedAt;
}
