package dev.ats.roles.rest;

import dev.ats.roles.domain.EmploymentType;
import dev.ats.roles.domain.RoleDetails;
import dev.ats.roles.domain.WorkplaceType;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The fields of a role that a recruiter writes: the body of a create, and what a merge patch is
 * applied to (GET's body without the read-only fields). Status, counters, version and timestamps
 * are the service's.
 */
@ValidRoleInput
@Schema(name = "RoleInput", description = "The writable fields of a role")
public record RoleInput(
    @Schema(example = "Software Engineer - Intern") @NotBlank @Size(max = 200) String title,
    @Schema(example = "Engineering") @NotBlank @Size(max = 100) String team,
    @Schema(example = "Ship and deliver projects over 12 weeks with autonomy and support.")
        @NotBlank
        @Size(max = 20000)
        String description,
    @Schema(example = "Austin, TX") @NotBlank @Size(max = 200) String location,
    @NotNull WorkplaceType workplaceType,
    @NotNull EmploymentType employmentType,
    @Schema(description = "How long the engagement lasts, if it is time-bound", example = "12")
        @Min(1)
        @Max(520)
        Integer durationWeeks,
    @Schema(
            description = "How many people this role hires; never below openingsFilled",
            example = "3")
        @NotNull
        @Min(1)
        @Max(1000)
        Integer openings,
    @Schema(
            description = "Applications are accepted until then (optional)",
            example = "2021-11-15T23:59:59Z")
        Instant applicationDeadline,
    @Schema(
            description = "Every applicant hears back by this date (optional)",
            example = "2021-12-01")
        LocalDate respondBy,
    @Schema(description = "The eligibility questions; ids unique within the role") @Size(max = 50)
        List<@NotNull @Valid EligibilityRuleBody> eligibilityRules,
    @Schema(
            description =
                "Whether applications must attach a RESUME document; true when omitted or null",
            example = "true")
        Boolean resumeRequired) {

  /** The role's details as this input would write them (call it on a validated input). */
  RoleDetails toDetails() {
    return new RoleDetails(
        title,
        team,
        description,
        location,
        workplaceType,
        employmentType,
        durationWeeks,
        openings,
        applicationDeadline,
        respondBy,
        eligibilityRules == null
            ? null
            : eligibilityRules.stream().map(EligibilityRuleBody::toDomain).toList(),
        resumeRequired == null || resumeRequired);
  }
}
