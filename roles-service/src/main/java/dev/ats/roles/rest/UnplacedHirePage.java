package dev.ats.roles.rest;

import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The OpenAPI shape of {@code Page<UnplacedHireResponse>} (documentation only). */
@Schema(name = "UnplacedHirePage", description = "One page of a role's unplaced hires")
record UnplacedHirePage(
    List<UnplacedHireResponse> items,
    @Schema(description = "Opaque cursor for the next page; null on the last page", nullable = true)
        String nextCursor) {}
