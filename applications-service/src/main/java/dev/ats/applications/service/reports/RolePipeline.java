package dev.ats.applications.service.reports;

import dev.ats.applications.domain.EligibilityOutcome;
import dev.ats.applications.domain.Stage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A board's counts for one role: every stage and every eligibility outcome, zeros included. */
@Schema(name = "RolePipeline")
public record RolePipeline(
    UUID roleId,
    @Schema(nullable = true, example = "2026-12-01") String respondBy,
    @Schema(description = "Whether the respond-by day (UTC) is over") boolean respondByPassed,
    @Schema(description = "Every application of the role") long applications,
    List<StageCount> stages,
    List<EligibilityCount> eligibility,
    @Schema(description = "Applications not yet HIRED, REJECTED or WITHDRAWN") long undecided,
    @Schema(description = "Undecided applications once the respond-by day is over (else 0)")
        long undecidedPastRespondBy,
    Instant computedAt) {

  @Schema(name = "PipelineStageCount")
  public record StageCount(Stage stage, long applications) {}

  @Schema(name = "PipelineEligibilityCount")
  public record EligibilityCount(EligibilityOutcome outcome, long applications) {}
}
