package dev.ats.applications.service.reports;

import java.time.Instant;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Time to hire and time to decision of the cohort submitted in the window. */
@Schema(name = "TimeToHireReport")
public record TimeToDecisionReport(Window window, Instant computedAt, Figures figures) {

  /** Days from submission to HIRED and to the first final stage (HIRED, REJECTED, WITHDRAWN). */
  @Schema(name = "TimeToHireFigures")
  public record Figures(
      int applications,
      int hired,
      @Schema(nullable = true) Double medianDaysToHire,
      @Schema(nullable = true) Double p90DaysToHire,
      int decided,
      @Schema(nullable = true) Double medianDaysToDecision,
      @Schema(nullable = true) Double p90DaysToDecision) {}
}
