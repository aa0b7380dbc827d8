package dev.ats.applications.rest;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Note")
public record NoteView(
    UUID id,
    UUID applicationId,
    @Schema(example = "hank.manager@ats.test") String author,
    String body,
    Instant createdAt) {}
