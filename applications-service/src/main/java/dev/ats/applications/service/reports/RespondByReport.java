package dev.ats.applications.service.reports;

import dev.ats.applications.domain.Stage;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The respond-by promise, measured per role for the cohort submitted in the window. */
@Schema(name = "RespondByReport")
public record RespondByReport(Window window, Instant computedAt, List<RoleCompliance> roles) {

  /**
   * One role. {@code due}: applications submitted before the end of the respond-by day (UTC);
   * {@code decided}: of those, how many reached HIRED, REJECTED or WITHDRAWN by then; {@code
   * progressed}: a decision or a move past SUBMITTED by then; {@code waiting}: once the day is
   * over, the applications still undecided now.
   */
  @Schema(name = "RespondByCompliance")
  public record RoleCompliance(
      UUID roleId,
      @Schema(nullable = true) String title,
      @Schema(nullable = true, example = "2026-12-01") String respondBy,
      boolean respondByPassed,
      int applications,
      int due,
      int decided,
      @Schema(nullable = true, description = "decided / due") Double decidedShare,
      int progressed,
      @Schema(nullable = true, description = "progressed / due") Double progressedShare,
      int waitingCount,
      List<Waiting> waiting) {}

  /** An application still undecided past its role's respond-by date (no personal data). */
  @Schema(name = "RespondByWaiting")
  public record Waiting(UUID applicationId, Stage stage, Instant submittedAt) {}
}
