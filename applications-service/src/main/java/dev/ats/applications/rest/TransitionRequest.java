package dev.ats.applications.rest;

import dev.ats.applications.domain.Stage;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v1/applications/{id}/transitions}. */
@Schema(name = "Transition")
public record TransitionRequest(
    @NotNull @Schema(example = "SCREENING") Stage to,
    @Size(max = 10000)
        @Schema(
            description =
                "Required for REJECTED: one of NOT_A_FIT, INELIGIBLE, POSITION_FILLED, OTHER."
                    + " Free text for other stages.",
            example = "NOT_A_FIT")
        String reason,
    @Size(max = 10000)
        @Schema(
            description = "Internal note kept in the history (never sent to the candidate)",
            example = "Strong portfolio")
        String note) {}
