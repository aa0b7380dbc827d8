package dev.ats.applications.rest;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** A scorecard: overall rating 1–4 (4 best), ratings per criterion, comments. */
@Schema(name = "NewEvaluation")
public record EvaluationRequest(
    @NotNull @Min(1) @Max(4) @Schema(example = "3") Integer overallRating,
    @Size(max = 50) List<@NotNull @Valid CriterionRating> criteria,
    @Size(max = 10000) @Schema(example = "Solid fundamentals.") String comments) {

  /** The ratings per criterion as the service layer takes them (none: an empty list). */
  public List<dev.ats.applications.domain.CriterionRating> ratings() {
    return criteria == null
        ? List.of()
        : criteria.stream()
            .map(
                c ->
                    new dev.ats.applications.domain.CriterionRating(
                        c.criterion(), c.rating(), c.comment()))
            .toList();
  }

  @Schema(name = "CriterionRating")
  public record CriterionRating(
      @NotBlank @Size(max = 200) @Schema(example = "Problem solving") String criterion,
      @NotNull @Min(1) @Max(4) @Schema(example = "4") Integer rating,
      @Size(max = 10000) @Schema(example = "Clear reasoning", nullable = true) String comment) {}
}
