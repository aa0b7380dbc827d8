package dev.ats.applications.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "NewNote")
public record NoteRequest(
    @NotBlank @Size(max = 10000) @Schema(example = "Called; available from June.") String body) {}
