package dev.ats.applications.rest;

import dev.ats.applications.domain.Stage;
import dev.ats.applications.service.BulkTransitions;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v1/applications/bulk-transitions}. */
@Schema(name = "BulkTransition")
public record BulkTransitionRequest(
    @NotNull
        @Size(min = 1, max = BulkTransitions.MAX_ITEMS)
        @Schema(description = "1 to 500 applications, each at the version (ETag) the caller read")
        List<@Valid @NotNull Item> applications,
    @NotNull @Schema(example = "REJECTED") Stage to,
    @Size(max = 10000)
        @Schema(
            description =
                "Required for REJECTED: one of NOT_A_FIT, INELIGIBLE, POSITION_FILLED, OTHER."
                    + " Free text for other stages.",
            example = "NOT_A_FIT")
        String reason,
    @Size(max = 10000)
        @Schema(
            description = "Internal note kept in each application's history",
            example = "Closing the first round")
        String note) {

  /** One application and the version the caller read (its ETag without the quotes). */
  @Schema(name = "BulkTransitionItem")
  public record Item(
      @NotNull @Schema(example = "3f0e1a56-7d0c-4b8e-9f6a-2a1c5e9b7d10") UUID id,
      @NotNull @Min(1) @Schema(example = "1") Long version) {}

  List<BulkTransitions.Item> items() {
    return applications.stream().map(i -> new BulkTransitions.Item(i.id(), i.version())).toList();
  }
}
