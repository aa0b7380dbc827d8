package dev.ats.applications.service.reports;

import java.time.Instant;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** Where the cohort submitted in the window came from, and how far each source's applicants got. */
@Schema(name = "SourcesReport")
public record SourcesReport(Window window, Instant computedAt, List<SourceFigures> sources) {

  @Schema(name = "SourceFigures")
  public record SourceFigures(
      @Schema(nullable = true, description = "The application's source; null when none was given")
          String source,
      int applications,
      int reachedInterviewing,
      int offered,
      int hired) {}
}
