package dev.ats.applications.service.documents;

import dev.ats.applications.config.DocumentsConfig;
import dev.ats.applications.domain.Document;
import dev.ats.applications.domain.ExtractionState;
import dev.ats.applications.service.AccessTokens;
import dev.ats.platform.time.Timestamps;
import dev.ats.web.error.ApiException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * {@code POST /api/v1/documents}: an anonymous upload, spooled to a file by the HTTP layer, checked
 * (not empty, not over {@code ats.documents.max-bytes}, an allowed type by its bytes) and hashed
 * (SHA-256) before anything is written, then streamed once into the storage. The answer's upload
 * token (stored only as a hash) lets one submission claim it within {@code
 * ats.documents.upload-expiry}.
 *
 * <p>Nothing is half-written. PostgreSQL: the row and the bytes are one transaction. A bucket (not
 * transactional): the row is committed first, then the object is written; if the write fails the
 * row (and whatever the write may have left) is deleted again and the caller gets a 503. A row
 * whose object never arrived (the process died in between, or the clean-up failed too) was never
 * answered with its upload token, so no submission can claim it, and {@link UnclaimedDocumentPurge}
 * deletes it and its object once it expires; an object therefore outlives its row only while it
 * waits in {@link DocumentObjectDeletions}' queue.
 */
@ApplicationScoped
public class DocumentUploads {

  private static final Logger LOG = Logger.getLogger(DocumentUploads.class);

  /** The stored upload and its token, which is shown once and never stored. */
  public record Uploaded(
      UUID id,
      String fileName,
      String contentType,
      long sizeBytes,
      String sha256,
      String uploadToken,
      Instant expiresAt) {}

  static final int MAX_FILE_NAME = 255;

  private final DocumentsConfig config;
  private final DocumentStorages storages;
  private final DocumentObjectDeletions objects;

  public DocumentUploads(
      DocumentsConfig config, DocumentStorages storages, DocumentObjectDeletions objects) {
    this.config = config;
    this.storages = storages;
    this.objects = objects;
  }

  public Uploaded upload(Path file, String fileName) {
    DocumentStorage storage = storages.writer();
    try {
      long size = Files.size(file);
      if (size == 0) {
        throw ApiException.badRequest("The file is empty");
      }
      if (size > config.maxBytes()) {
        throw tooLarge(config.maxBytes());
      }
      String type =
          DocumentTypes.detect(file)
              .orElseThrow(
                  () ->
                      new ApiException(
                          415,
                          "unsupported-media-type",
                          "Unsupported document type",
                          "Only PDF, DOCX, ODT, TXT and RTF files are accepted (judged by their"
                              + " content, not their name)"));
      String sha256 = sha256(file);
      String token = AccessTokens.newToken();
      if (storage.transactional()) {
        return QuarkusTransaction.joiningExisting()
            .call(
                () -> {
                  Document doc = insert(storage, fileName, type, size, sha256, token);
                  storage.write(doc.id, doc.storageKey, file, size);
                  return uploaded(doc, token);
                });
      }
      Document doc =
          QuarkusTransaction.requiringNew()
              .call(() -> insert(storage, fileName, type, size, sha256, token));
      try {
        storage.write(doc.id, doc.storageKey, file, size);
      } catch (IOException | RuntimeException e) {
        LOG.warnf(e, "document %s could not be stored; its row is deleted again", doc.id);
        forget(doc);
        throw new ApiException(
            503,
            "storage-unavailable",
            "Document storage unavailable",
            "The document could not be stored just now; nothing was kept. Try again later.");
      }
      return uploaded(doc, token);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private Document insert(
      DocumentStorage storage,
      String fileName,
      String type,
      long size,
      String sha256,
      String token) {
    Instant now = Timestamps.now();
    Document doc = new Document();
    doc.id = UUID.randomUUID();
    doc.fileName = fileName(fileName, type);
    doc.contentType = type;
    doc.sizeBytes = size;
    doc.sha256 = sha256;
    doc.uploadTokenHash = AccessTokens.sha256(token);
    doc.storage = storage.name();
    doc.storageKey = storage.keyFor(doc.id);
    doc.extractionState = ExtractionState.PENDING;
    doc.uploadedAt = now;
    doc.expiresAt = now.plus(config.uploadExpiry());
    doc.persistAndFlush();
    return doc;
  }

  /**
   * After a failed write: the row, and the object queued for deletion (a failed PUT may still have
   * landed).
   */
  private void forget(Document doc) {
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                Document stored = Document.findById(doc.id);
                if (stored != null) {
                  objects.queue(stored);
                  stored.delete();
                }
              });
    } catch (RuntimeException e) {
      LOG.warnf(
          "document %s: the clean-up failed too (%s); the expired-upload purge deletes it",
          doc.id, e.getClass().getSimpleName());
    }
  }

  private static Uploaded uploaded(Document doc, String token) {
    return new Uploaded(
        doc.id, doc.fileName, doc.contentType, doc.sizeBytes, doc.sha256, token, doc.expiresAt);
  }

  /** 413 as a problem. */
  public static ApiException tooLarge(long maxBytes) {
    return new ApiException(
        413,
        "content-too-large",
        "Document too large",
        "A document may have at most " + maxBytes + " bytes",
        Map.of("maxBytes", maxBytes));
  }

  /** The client's name without any path, control characters, at most 255 characters. */
  static String fileName(String given, String detectedType) {
    String name = given == null ? "" : given;
    name = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1);
    // Control and format characters (bidi overrides that disguise an extension), line separators.
    name = name.replaceAll("[\\p{Cntrl}\\p{Cf}\u2028\u2029]", "").strip();
    // The extension is the detected type's, whatever the name said: a recruiter's computer opens
    // the download by its name, so "cv.bat" holding text is kept as "cv.bat.txt".
    String extension = DocumentTypes.extension(detectedType);
    if (!name.toLowerCase(Locale.ROOT).endsWith(extension)) {
      name = name + extension;
    }
    String suffix = name.substring(name.length() - extension.length()); // as the candidate wrote it
    String stem = name.substring(0, name.length() - extension.length()).strip();
    if (stem.isEmpty()) {
      stem = "document";
    }
    int maxStem = MAX_FILE_NAME - extension.length();
    if (stem.codePointCount(0, stem.length()) > maxStem) {
      stem = stem.substring(0, stem.offsetByCodePoints(0, maxStem));
    }
    return stem + suffix;
  }

  /** The file's SHA-256 in hex, read a buffer at a time. */
  static String sha256(Path file) throws IOException {
    MessageDigest sha256;
    try {
      sha256 = MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
      in.transferTo(OutputStream.nullOutputStream());
    }
    return HexFormat.of().formatHex(sha256.digest());
  }
}
