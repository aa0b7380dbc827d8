package dev.ats.applications.service.reports;

import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * Which applications a report covers: those submitted in {@code [from, to)} (null: unbounded), of
 * one role (null: every role).
 */
@Schema(name = "ReportWindow")
public record Window(
    @Schema(nullable = true, description = "The role, or null for every role") UUID roleId,
    @Schema(nullable = true, description = "Submitted at or after (null: from the start)")
        Instant from,
    @Schema(nullable = true, description = "Submitted before (null: until now)") Instant to) {}
