package dev.ats.roles.rest;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "ReopenRoleRequest")
public record ReopenRoleRequest(
    @Schema(
            description =
                "Openings to add before reopening (default 0). A FILLED role, or any role whose"
                    + " openings are all filled, needs at least 1.",
            example = "2")
        @Min(0)
        @Max(1000)
        Integer additionalOpenings,
    @Schema(description = "Why the role reopens (optional)", example = "Two more interns funded")
        @Size(max = 1000)
        String reason) {}
