package dev.ats.roles.rest;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.Size;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "CloseRoleRequest")
public record CloseRoleRequest(
    @Schema(
            description = "Why the role closes; carried by the role.closed event",
            example = "Budget moved to next year")
        @NotBlank
        @Size(max = 1000)
        String reason) {}
