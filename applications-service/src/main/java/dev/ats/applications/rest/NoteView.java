package dev.ats.applications.rest;

import dev.ats.applications.service.FeedbackService.NoteEntry;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Note")
public record NoteView(
    UUID id,
    UUID applicationId,
    @Schema(example = "hank.manager@ats.test") String author,
    String body,
    Instant createdAt) {

  public static NoteView of(NoteEntry note) {
    return new NoteView(
        note.id(), note.applicationId(), note.author(), note.body(), note.createdAt());
  }
}
