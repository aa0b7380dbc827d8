package dev.ats.roles.rest;

import dev.ats.roles.domain.UnplacedHire;
import dev.ats.roles.service.UnplacedHireEntry;
import java.time.Instant;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

@Schema(
    name = "UnplacedHire",
    description =
        "A hire that filled no opening of the role: roles-service counts headcount, and this hire"
            + " found the role unknown or every opening filled (applications-service's copy of"
            + " the role lagged behind a change here). Recorded once per application, for a"
            + " recruiter to resolve.")
public record UnplacedHireResponse(
    @Schema(example = "7d1e2f3a-4b5c-4d6e-8f90-a1b2c3d4e5f6") UUID applicationId,
    @Schema(
            description =
                "NO_OPENING_LEFT: every opening was filled when the hire arrived; UNKNOWN_ROLE:"
                    + " this service does not know the role")
        UnplacedHire.Reason reason,
    @Schema(description = "When roles-service received the hire", example = "2021-11-20T10:15:00Z")
        Instant receivedAt) {

  static UnplacedHireResponse of(UnplacedHireEntry hire) {
    return new UnplacedHireResponse(hire.applicationId(), hire.reason(), hire.receivedAt());
  }
}
