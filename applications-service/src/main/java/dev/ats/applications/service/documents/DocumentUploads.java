package dev.ats.applications.service.documents;

import dev.ats.applications.config.DocumentsConfig;
import dev.ats.applications.domain.Document;
import dev.ats.applications.domain.ExtractionState;
import dev.ats.applications.service.AccessTokens;
import dev.ats.platform.time.Timestamps;
import dev.ats.web.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.InputStream;
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

/**
 * {@code POST /api/v1/documents}: an anonymous upload, spooled to a file by the HTTP layer, checked
 * (not empty, not over {@code ats.documents.max-bytes}, an allowed type by its bytes) before
 * anything is written, then streamed once into the storage while its SHA-256 is computed. The
 * answer's upload token (stored only as a hash) lets one submission claim it within {@code
 * ats.documents.upload-expiry}.
 */
@ApplicationScoped
public class DocumentUploads {

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
  private final DocumentStorage storage;

  public DocumentUploads(DocumentsConfig config, DocumentStorage storage) {
    this.config = config;
    this.storage = storage;
  }

  @Transactional
  public Uploaded upload(Path file, String fileName) {
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
      Instant now = Timestamps.now();
      String token = AccessTokens.newToken();
      Document doc = new Document();
      doc.id = UUID.randomUUID();
      doc.fileName = fileName(fileName, type);
      doc.contentType = type;
      doc.sizeBytes = size;
      doc.uploadTokenHash = AccessTokens.sha256(token);
      doc.storage = storage.name();
      doc.extractionState = ExtractionState.PENDING;
      doc.uploadedAt = now;
      doc.expiresAt = now.plus(config.uploadExpiry());
      MessageDigest sha256 = sha256();
      // The hash is still unknown: insert the metadata row first (the content references it).
      doc.sha256 = "";
      doc.persistAndFlush();
      try (InputStream in = new DigestInputStream(Files.newInputStream(file), sha256)) {
        doc.storageKey = storage.write(doc.id, in, size);
      }
      doc.sha256 = HexFormat.of().formatHex(sha256.digest());
      return new Uploaded(doc.id, doc.fileName, type, size, doc.sha256, token, doc.expiresAt);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
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

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is always available", e);
    }
  }
}
