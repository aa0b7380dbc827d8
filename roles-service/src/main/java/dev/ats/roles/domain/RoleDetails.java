package dev.ats.roles.domain;

import dev.ats.platform.time.Timestamps;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;

/**
 * What a recruiter writes about a role (everything but its status, counters, version and
 * timestamps), in canonical form: title, team and location stripped, no rules an empty list, the
 * deadline to the microsecond as PostgreSQL keeps it. Two details are equal exactly when saving one
 * over the other would change nothing.
 */
public record RoleDetails(
    String title,
    String team,
    String description,
    String location,
    WorkplaceType workplaceType,
    EmploymentType employmentType,
    Integer durationWeeks,
    int openings,
    Instant applicationDeadline,
    LocalDate respondBy,
    List<EligibilityRule> eligibilityRules,
    boolean resumeRequired) {

  public RoleDetails {
    title = strip(title);
    team = strip(team);
    location = strip(location);
    applicationDeadline = Timestamps.stored(applicationDeadline);
    eligibilityRules = eligibilityRules == null ? List.of() : List.copyOf(eligibilityRules);
  }

  private static String strip(String text) {
    return text == null ? null : text.strip();
  }
}
