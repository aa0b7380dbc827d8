package dev.ats.applications.rest;

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
    String comments,
    Instant submittedAt) {}
