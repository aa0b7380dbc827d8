package dev.ats.roles.service;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.roles.domain.Role;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;

/** Maps role entities to the records the rest of the world sees, and back. */
@ApplicationScoped
public class RoleViews {

  private static final TypeReference<List<EligibilityRule>> RULES = new TypeReference<>() {};

  private final ObjectMapper json;

  public RoleViews(ObjectMapper json) {
    this.json = json;
  }

  public RoleSnapshot snapshot(Role role) {
    return new RoleSnapshot(
        role.id,
        role.title,
        role.team,
        role.description,
        role.location,
        role.workplaceType,
        role.employmentType,
        role.durationWeeks,
        role.openings,
        role.openingsFilled,
        role.applicationDeadline,
        role.respondBy,
        rules(role),
        role.status,
        role.version,
        role.createdAt,
        role.updatedAt);
  }

  /** The writable fields of {@code role}, as a create request would have them. */
  public RoleInput input(Role role) {
    return new RoleInput(
        role.title,
        role.team,
        role.description,
        role.location,
        role.workplaceType,
        role.employmentType,
        role.durationWeeks,
        role.openings,
        role.applicationDeadline,
        role.respondBy,
        rules(role));
  }

  /** Copies the writable fields of a validated, normalised {@code input} onto {@code role}. */
  public void apply(RoleInput input, Role role) {
    role.title = input.title();
    role.team = input.team();
    role.description = input.description();
    role.location = input.location();
    role.workplaceType = input.workplaceType();
    role.employmentType = input.employmentType();
    role.durationWeeks = input.durationWeeks();
    role.openings = input.openings();
    role.applicationDeadline = input.applicationDeadline();
    role.respondBy = input.respondBy();
    try {
      role.eligibilityRules = json.writeValueAsString(input.eligibilityRules());
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("eligibility rules are not serialisable", e);
    }
  }

  private List<EligibilityRule> rules(Role role) {
    try {
      return json.readValue(role.eligibilityRules, RULES);
    } catch (JsonProcessingException e) {
      throw new IllegalStateException("role " + role.id + " has unreadable eligibility rules", e);
    }
  }
}
