package dev.ats.roles.rest;

import dev.ats.roles.domain.EmploymentType;
import dev.ats.roles.domain.WorkplaceType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The OpenAPI shape of a merge patch (documentation only): any subset of the writable fields; the
 * result must be a valid role, with the same rules as a create.
 */
@Schema(
    name = "RolePatch",
    description =
        "An RFC 7396 merge patch: members present replace the role's, null removes an optional"
            + " one (durationWeeks, applicationDeadline, respondBy, eligibilityRules), absent ones"
            + " stay. eligibilityRules is replaced as a whole.")
record RolePatch(
    @Schema(example = "Software Engineer - Intern") String title,
    @Schema(example = "Engineering") String team,
    String description,
    @Schema(example = "Remote") String location,
    WorkplaceType workplaceType,
    EmploymentType employmentType,
    @Schema(nullable = true, example = "12") Integer durationWeeks,
    @Schema(description = "Never below openingsFilled", example = "4") Integer openings,
    @Schema(nullable = true) Instant applicationDeadline,
    @Schema(nullable = true, example = "2021-12-15") LocalDate respondBy,
    @Schema(nullable = true) List<EligibilityRuleBody> eligibilityRules,
    @Schema(description = "null sets it back to the default, true", nullable = true)
        Boolean resumeRequired) {}
