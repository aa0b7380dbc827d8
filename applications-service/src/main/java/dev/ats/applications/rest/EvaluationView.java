package dev.ats.applications.rest;

import dev.ats.applications.service.FeedbackService.EvaluationEntry;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(name = "Evaluation")
public record EvaluationView(
    UUID id,
    UUID applicationId,
    @Schema(example = "hank.manager@ats.test") String author,
    @Schema(example = "3") int overallRating,
    List<EvaluationRequest.CriterionRating> criteria,
    @Schema(nullable = true) String comments,
    Instant submittedAt) {

  public static EvaluationView of(EvaluationEntry e) {
    return new EvaluationView(
        e.id(),
        e.applicationId(),
        e.author(),
        e.overallRating(),
        e.criteria().stream()
            .map(c -> new EvaluationRequest.CriterionRating(c.criterion(), c.rating(), c.comment()))
            .toList(),
        e.comments(),
        e.submittedAt());
  }
}
