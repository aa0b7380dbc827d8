package dev.ats.applications.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import com.fasterxml.jackson.databind.JsonNode;
import java.util.UUID;

/**
 * The payload of every {@code roles.events} event: {@code {role, previousStatus, reason}}. Only
 * what this service keeps is read; other fields (and fields roles-service adds later) are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record RoleEvent(Snapshot role, String previousStatus, String reason) {

  public static final String TOPIC = "roles.events";
  public static final String PREFIX = "dev.ats.role.";
  public static final String FILLED = "dev.ats.role.filled.v1";

  /** The role's REST representation, as roles-service publishes it. */
  @JsonIgnoreProperties(ignoreUnknown = true)
  public record Snapshot(
      UUID id,
      String title,
      Integer openings,
      Integer openingsFilled,
      JsonNode applicationDeadline,
      JsonNode respondBy,
      JsonNode eligibilityRules,
      String status,
      Long version) {}
}
