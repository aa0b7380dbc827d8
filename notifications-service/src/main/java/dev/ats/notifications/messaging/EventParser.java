package dev.ats.notifications.messaging;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.platform.events.CloudEvent;
import dev.ats.platform.events.PoisonEventException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Reads the payloads of the event contract (CONTRIBUTING.md). Unknown fields are ignored (a payload
 * may gain optional fields), contract types that tell a candidate nothing give an empty result,
 * types outside the contract are poison, and anything this service cannot act on (not JSON, a
 * required field missing or of the wrong type) is a {@link PoisonEventException}.
 */
@ApplicationScoped
public class EventParser {

  private static final int MAX_TEXT = 1000;

  /** Types of the event contract that tell a candidate nothing. */
  private static final java.util.Set<String> KNOWN_BUT_SILENT =
      java.util.Set.of("dev.ats.application.evaluation-submitted.v1");

  private final ObjectMapper json;

  public EventParser(ObjectMapper json) {
    this.json = json;
  }

  public Optional<InboundEvent> parse(CloudEvent event) {
    String type = event.type();
    if (!isHandled(type)) {
      if (KNOWN_BUT_SILENT.contains(type)) {
        return Optional.empty();
      }
      // A type outside the event contract is a poison event: it goes to the dead-letter topic,
      // visible and replayable once this service learns it, and consuming goes on.
      throw new PoisonEventException("unknown event type " + type + " (not in the event contract)");
    }
    JsonNode body;
    try {
      body = json.readTree(event.data());
    } catch (JsonProcessingException e) {
      throw new PoisonEventException(
          "event " + event.id() + " (" + type + ") is not JSON: " + e.getOriginalMessage(), e);
    }
    if (body == null || !body.isObject()) {
      throw new PoisonEventException("event " + event.id() + " (" + type + ") is not an object");
    }
    String id = event.id();
    return Optional.of(
        switch (type) {
          case InboundEvent.APPLICATION_SUBMITTED -> {
            JsonNode candidate = body.path("candidate");
            yield new InboundEvent.ApplicationSubmitted(
                id,
                type,
                uuid(body, "applicationId"),
                uuid(body, "roleId"),
                optionalText(body, "roleTitle"),
                uuid(body, "candidateId"),
                email(candidate, "candidate.email"),
                optionalText(candidate, "firstName"),
                optionalText(body, "stage"),
                text(body.path("eligibility"), "outcome", "eligibility.outcome"));
          }
          case InboundEvent.APPLICATION_STAGE_CHANGED ->
              new InboundEvent.StageChanged(
                  id, type, uuid(body, "applicationId"), text(body, "to", "to"));
          case InboundEvent.APPLICATION_HIRED ->
              new InboundEvent.Hired(id, type, uuid(body, "applicationId"));
          case InboundEvent.APPLICATION_REJECTED ->
              new InboundEvent.Rejected(
                  id,
                  type,
                  uuid(body, "applicationId"),
                  text(body, "reason", "reason"),
                  explanation(body.get("explanation")));
          case InboundEvent.APPLICATION_WITHDRAWN ->
              new InboundEvent.Withdrawn(
                  id, type, uuid(body, "applicationId"), optionalText(body, "by"));
          case InboundEvent.CANDIDATE_ERASED -> {
            List<UUID> applicationIds = new ArrayList<>();
            JsonNode ids = body.get("applicationIds");
            if (ids != null && !ids.isNull()) {
              if (!ids.isArray()) {
                throw new PoisonEventException("applicationIds is not an array");
              }
              for (JsonNode each : ids) {
                applicationIds.add(toUuid(each.asText(), "applicationIds[]"));
              }
            }
            yield new InboundEvent.CandidateErased(
                id, type, uuid(body, "candidateId"), List.copyOf(applicationIds));
          }
          default -> {
            JsonNode role = body.path("role");
            if (!role.isObject()) {
              throw new PoisonEventException("event " + id + " (" + type + ") has no role");
            }
            JsonNode version = role.get("version");
            if (version == null || !version.canConvertToLong()) {
              throw new PoisonEventException("role.version is missing or not a number");
            }
            String respondBy = optionalText(role, "respondBy");
            LocalDate respondByDate;
            try {
              respondByDate = respondBy == null ? null : LocalDate.parse(respondBy);
            } catch (DateTimeParseException e) {
              throw new PoisonEventException("role.respondBy is not a date: " + respondBy, e);
            }
            yield new InboundEvent.RoleChanged(
                id,
                type,
                uuid(role, "id"),
                text(role, "title", "role.title"),
                respondByDate,
                version.asLong());
          }
        });
  }

  private static boolean isHandled(String type) {
    return switch (type) {
      case InboundEvent.APPLICATION_SUBMITTED,
          InboundEvent.APPLICATION_STAGE_CHANGED,
          InboundEvent.APPLICATION_HIRED,
          InboundEvent.APPLICATION_REJECTED,
          InboundEvent.APPLICATION_WITHDRAWN,
          InboundEvent.CANDIDATE_ERASED ->
          true;
      default -> type.startsWith(InboundEvent.ROLE_PREFIX) && type.endsWith(".v1");
    };
  }

  private static UUID uuid(JsonNode node, String field) {
    return toUuid(text(node, field, field), field);
  }

  private static UUID toUuid(String value, String field) {
    try {
      return UUID.fromString(value);
    } catch (IllegalArgumentException e) {
      throw new PoisonEventException(field + " is not a UUID: " + value, e);
    }
  }

  private static String text(JsonNode node, String field, String path) {
    String value = optionalText(node, field);
    if (value == null || value.isBlank()) {
      throw new PoisonEventException("required field " + path + " is missing");
    }
    return value;
  }

  private static String optionalText(JsonNode node, String field) {
    JsonNode value = node.get(field);
    if (value == null || value.isNull()) {
      return null;
    }
    if (!value.isValueNode()) {
      throw new PoisonEventException(field + " is not a string");
    }
    String text = value.asText();
    if (text.length() > MAX_TEXT) {
      throw new PoisonEventException(field + " is longer than " + MAX_TEXT + " characters");
    }
    return text;
  }

  private static String email(JsonNode node, String path) {
    String email = text(node, "email", path);
    if (!email.matches("[^@\\s]+@[^@\\s]+")) {
      throw new PoisonEventException(path + " is not an email address");
    }
    return email;
  }

  /** The explanation may be one string or a list of them (one per failed requirement). */
  private static List<String> explanation(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    List<String> lines = new ArrayList<>();
    if (node.isArray()) {
      for (JsonNode each : node) {
        if (each.isValueNode() && !each.asText().isBlank()) {
          lines.add(each.asText());
        } else if (each.isObject() && each.hasNonNull("explanation")) {
          lines.add(each.get("explanation").asText());
        }
      }
    } else if (node.isValueNode() && !node.asText().isBlank()) {
      lines.add(node.asText());
    }
    return List.copyOf(lines);
  }
}
