package dev.ats.applications.service.reports;

import dev.ats.applications.domain.Stage;
import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The funnel of the cohort submitted in the window. */
@Schema(name = "FunnelReport")
public record FunnelReport(
    Window window,
    Instant computedAt,
    @Schema(description = "Applications submitted in the window") int applications,
    List<StageFigures> stages) {

  /**
   * One pipeline stage: applications that reached it (a skipped stage counts as passed through),
   * the share of those that reached the next stage, and the days spent in it by those that entered
   * and left it.
   */
  @Schema(name = "FunnelStage")
  public record StageFigures(
      Stage stage,
      int reached,
      @Schema(nullable = true, description = "reached(next) / reached; null for HIRED or none")
          Double passThroughRate,
      @Schema(description = "Applications that entered this stage and left it") int timed,
      @Schema(nullable = true) Double medianDays,
      @Schema(nullable = true) Double p90Days) {}
}
