package dev.ats.applications.rest;

import dev.ats.applications.domain.Stage;
import dev.ats.applications.service.ApplicationQueries.HistoryItem;
import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** One stage change; the first entry of every history is the submission (from null). */
@Schema(name = "StageChange")
public record HistoryEntry(
    @Schema(example = "SUBMITTED", description = "null for the submission", nullable = true)
        Stage from,
    @Schema(example = "SCREENING") Stage to,
    @Schema(description = "Why (a rejection reason, or free text); may be null", nullable = true)
        String reason,
    @Schema(description = "The recruiter's internal note; may be null", nullable = true)
        String note,
    @Schema(
            description = "Who: the recruiter's token name, \"candidate\" or \"system\"",
            example = "rita.recruiter@ats.test")
        String actor,
    long version,
    Instant changedAt) {

  public static HistoryEntry of(HistoryItem c) {
    return new HistoryEntry(
        c.from(), c.to(), c.reason(), c.note(), c.actor(), c.version(), c.changedAt());
  }
}
