package dev.ats.applications.service.documents;

import dev.ats.applications.domain.Document;
import dev.ats.applications.domain.DocumentKind;
import java.time.Instant;
import java.util.UUID;

/** A claimed document as the service layer hands it out (the entity never leaves it). */
public record DocumentDetails(
    UUID id,
    UUID applicationId,
    DocumentKind kind,
    String fileName,
    String contentType,
    long sizeBytes,
    String sha256,
    boolean textExtracted,
    Instant uploadedAt,
    String storage,
    String storageKey) {

  static DocumentDetails of(Document d) {
    return new DocumentDetails(
        d.id,
        d.applicationId,
        d.kind,
        d.fileName,
        d.contentType,
        d.sizeBytes,
        d.sha256,
        d.textExtracted,
        d.uploadedAt,
        d.storage,
        d.storageKey);
  }
}
