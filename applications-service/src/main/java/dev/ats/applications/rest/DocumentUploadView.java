package dev.ats.applications.rest;

import dev.ats.applications.service.documents.DocumentUploads;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer to an upload: what to present in the submission's {@code documents}. */
@Schema(name = "DocumentUpload")
public record DocumentUploadView(
    UUID id,
    @Schema(example = "cv.pdf") String fileName,
    @Schema(description = "Detected from the bytes", example = "application/pdf")
        String contentType,
    long sizeBytes,
    @Schema(description = "SHA-256 of the bytes, lower-case hex") String sha256,
    @Schema(description = "Shown once: present it with the id in the submission")
        String uploadToken,
    @Schema(description = "Unclaimed after this, the upload is deleted") Instant expiresAt) {

  static DocumentUploadView of(DocumentUploads.Uploaded u) {
    return new DocumentUploadView(
        u.id(),
        u.fileName(),
        u.contentType(),
        u.sizeBytes(),
        u.sha256(),
        u.uploadToken(),
        u.expiresAt());
  }
}
