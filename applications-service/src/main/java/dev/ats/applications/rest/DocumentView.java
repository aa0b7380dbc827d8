package dev.ats.applications.rest;

import dev.ats.applications.domain.DocumentKind;
import dev.ats.applications.service.documents.DocumentDetails;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A document attached to an application (metadata; the bytes are a separate download). */
@Schema(name = "Document")
public record DocumentView(
    UUID id,
    DocumentKind kind,
    String fileName,
    String contentType,
    long sizeBytes,
    String sha256,
    @Schema(description = "False until extracted, and for good when the text could not be read")
        boolean textExtracted,
    Instant uploadedAt) {

  static DocumentView of(DocumentDetails d) {
    return new DocumentView(
        d.id(),
        d.kind(),
        d.fileName(),
        d.contentType(),
        d.sizeBytes(),
        d.sha256(),
        d.textExtracted(),
        d.uploadedAt());
  }
}
