package dev.ats.roles.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The OpenAPI shape of {@code Page<RoleResponse>} (documentation only). */
@Schema(name = "RolePage", description = "One page of roles")
record RolePage(
    List<RoleResponse> items,
    @Schema(description = "Opaque cursor for the next page; null on the last page", nullable = true)
        String nextCursor) {}
