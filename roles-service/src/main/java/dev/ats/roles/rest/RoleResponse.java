package dev.ats.roles.rest;

import dev.ats.roles.domain.EmploymentType;
import dev.ats.roles.domain.RoleDetails;
import dev.ats.roles.domain.RoleState;
import dev.ats.roles.domain.RoleStatus;
import dev.ats.roles.domain.WorkplaceType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A role as the API shows it. The {@code role} of every {@code roles.events} payload must equal it
 * at the same version (the contract in CONTRIBUTING.md); the event has its own record, and
 * RoleEventsTest compares the two.
 */
@Schema(name = "Role", description = "A role (job opening)")
public record RoleResponse(
    @Schema(example = "0b6f1c1e-8d59-4a43-9d4e-0f6a3f1a2b7c") UUID id,
    @Schema(example = "Software Engineer - Intern") String title,
    @Schema(example = "Engineering") String team,
    @Schema(example = "Ship and deliver projects over 12 weeks with autonomy and support.")
        String description,
    @Schema(example = "Austin, TX") String location,
    WorkplaceType workplaceType,
    EmploymentType employmentType,
    @Schema(example = "12", nullable = true) Integer durationWeeks,
    @Schema(example = "3") int openings,
    @Schema(description = "How many openings hires have filled", example = "1") int openingsFilled,
    @Schema(example = "2021-11-15T23:59:59Z", nullable = true) Instant applicationDeadline,
    @Schema(
            description = "The date by which every applicant hears back",
            example = "2021-12-01",
            nullable = true)
        LocalDate respondBy,
    @Schema(
            description =
                "The eligibility questions; each rule's condition only for recruiters, hiring"
                    + " managers and integrations")
        List<EligibilityRuleBody> eligibilityRules,
    @Schema(description = "Whether applications must attach a RESUME document")
        boolean resumeRequired,
    RoleStatus status,
    @Schema(
            description = "Increases with every change; the ETag is this number in quotes",
            example = "4")
        long version,
    @Schema(example = "2021-09-29T09:00:00Z") Instant createdAt,
    @Schema(example = "2021-10-04T14:30:00Z") Instant updatedAt) {

  /** The role as recruiters, hiring managers and integrations see it. */
  static RoleResponse of(RoleState role) {
    return of(role, true);
  }

  /** The role as {@code staff} see it, or (not staff) with each question but without its rule. */
  static RoleResponse of(RoleState role, boolean staff) {
    RoleDetails details = role.details();
    return new RoleResponse(
        role.id(),
        details.title(),
        details.team(),
        details.description(),
        details.location(),
        details.workplaceType(),
        details.employmentType(),
        details.durationWeeks(),
        details.openings(),
        role.openingsFilled(),
        details.applicationDeadline(),
        details.respondBy(),
        details.eligibilityRules().stream().map(r -> EligibilityRuleBody.of(r, staff)).toList(),
        details.resumeRequired(),
        role.status(),
        role.version(),
        role.createdAt(),
        role.updatedAt());
  }
}
