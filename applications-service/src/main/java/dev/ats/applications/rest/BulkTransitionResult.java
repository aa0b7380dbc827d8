package dev.ats.applications.rest;

import dev.ats.applications.domain.Stage;
import dev.ats.applications.service.BulkTransitions;
import dev.ats.web.error.ApiException;
import dev.ats.web.error.Problem;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The answer of a bulk transition: every item's outcome, in the order of the request. */
@Schema(name = "BulkTransitionResult")
public record BulkTransitionResult(
    @Schema(description = "The stage every item was asked to move to") Stage to,
    @Schema(description = "How many items moved") int succeeded,
    @Schema(description = "How many items did not move") int failed,
    @Schema(description = "One per requested application, in the request's order")
        List<ItemResult> items) {

  /**
   * One item: {@code status} is what a single transition would have answered (200 moved, 404
   * unknown, 409 illegal or no opening left, 412 stale version); {@code stage} and {@code version}
   * are the application's after a move, {@code problem} why it did not move.
   */
  @Schema(name = "BulkTransitionItemResult")
  public record ItemResult(
      UUID id,
      @Schema(example = "200") int status,
      @Schema(nullable = true, description = "The new stage (null if the item failed)") Stage stage,
      @Schema(nullable = true, description = "The new version, its ETag (null if it failed)")
          Long version,
      @Schema(nullable = true, description = "Why the item did not move (null if it moved)")
          Problem problem) {}

  static BulkTransitionResult of(Stage to, List<BulkTransitions.Outcome> outcomes) {
    List<ItemResult> items = outcomes.stream().map(BulkTransitionResult::item).toList();
    int succeeded = (int) outcomes.stream().filter(BulkTransitions.Outcome::succeeded).count();
    return new BulkTransitionResult(to, succeeded, outcomes.size() - succeeded, items);
  }

  private static ItemResult item(BulkTransitions.Outcome outcome) {
    if (outcome.succeeded()) {
      return new ItemResult(
          outcome.id(), 200, outcome.moved().stage(), outcome.moved().version(), null);
    }
    ApiException e = outcome.failure();
    Problem problem = Problem.of(e, "/api/v1/applications/" + outcome.id(), null);
    return new ItemResult(outcome.id(), e.status(), null, null, problem);
  }
}
