package dev.ats.roles.events;

import dev.ats.roles.domain.EligibilityRule;
import dev.ats.roles.domain.EmploymentType;
import dev.ats.roles.domain.RoleDetails;
import dev.ats.roles.domain.RoleState;
import dev.ats.roles.domain.RoleStatus;
import dev.ats.roles.domain.WorkplaceType;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/**
 * The {@code role} of a {@code roles.events} payload. The contract (CONTRIBUTING.md) promises that
 * it equals the REST representation of {@code GET /api/v1/roles/{id}} at the same version; the REST
 * layer has its own record, and RoleEventsTest compares the two.
 */
public record RoleSnapshot(
    UUID id,
    String title,
    String team,
    String description,
    String location,
    WorkplaceType workplaceType,
    EmploymentType employmentType,
    Integer durationWeeks,
    int openings,
    int openingsFilled,
    Instant applicationDeadline,
    LocalDate respondBy,
    List<EligibilityRule> eligibilityRules,
    boolean resumeRequired,
    RoleStatus status,
    long version,
    Instant createdAt,
    Instant updatedAt) {

  public static RoleSnapshot of(RoleState role) {
    RoleDetails details = role.details();
    return new RoleSnapshot(
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
        details.eligibilityRules(),
        details.resumeRequired(),
        role.status(),
        role.version(),
        role.createdAt(),
        role.updatedAt());
  }
}
