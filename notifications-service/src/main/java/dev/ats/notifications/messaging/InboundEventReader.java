package dev.ats.notifications.messaging;

import static dev.ats.platform.events.EventTypes.APPLICATION_HIRED;
import static dev.ats.platform.events.EventTypes.APPLICATION_REJECTED;
import static dev.ats.platform.events.EventTypes.APPLICATION_STAGE_CHANGED;
import static dev.ats.platform.events.EventTypes.APPLICATION_SUBMITTED;
import static dev.ats.platform.events.EventTypes.APPLICATION_WITHDRAWN;
import static dev.ats.platform.events.EventTypes.CANDIDATE_ERASED;
import static dev.ats.platform.events.EventTypes.ROLE_TYPES;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.notifications.events.InboundEvent;
import dev.ats.platform.events.CloudEvent;
import dev.ats.platform.events.EventReader;
import dev.ats.platform.events.PoisonEventException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * Maps the payloads of the event contract (CONTRIBUTING.md) to {@link InboundEvent}s, with only the
 * fields this service needs; unknown fields are ignored (a payload may gain optional fields). Every
 * role event carries the role snapshot, so each one is read; the other contract types that tell a
 * candidate nothing ({@code application.evaluation-submitted}) give an empty result. A payload this
 * service can never act on (not JSON, a required field missing or malformed) is a {@link
 * PoisonEventException} naming the field. Pure: no database, no side effects.
 *
 * <p>Types outside the contract never get here: {@link dev.ats.platform.events.EventConsumer}
 * dead-letters them first.
 */
@ApplicationScoped
public class InboundEventReader implements EventReader<InboundEvent> {

  private static final int MAX_TEXT = 1000;

  private final ObjectMapper json;

  public InboundEventReader(ObjectMapper json) {
    this.json = json;
  }

  @Override
  public Optional<InboundEvent> read(CloudEvent event) {
    String type = event.type();
    String id = event.id();
    if (ROLE_TYPES.contains(type)) {
      return Optional.of(role(id, type, body(event).object("role")));
    }
    return switch (type) {
      case APPLICATION_SUBMITTED -> Optional.of(submitted(id, type, body(event)));
      case APPLICATION_STAGE_CHANGED -> {
        Body body = body(event);
        yield Optional.of(
            new InboundEvent.StageChanged(id, type, body.uuid("applicationId"), body.text("to")));
      }
      case APPLICATION_HIRED ->
          Optional.of(new InboundEvent.Hired(id, type, body(event).uuid("applicationId")));
      case APPLICATION_REJECTED -> {
        Body body = body(event);
        yield Optional.of(
            new InboundEvent.Rejected(
                id,
                type,
                body.uuid("applicationId"),
                body.text("reason"),
                explanation(body.node.get("explanation"))));
      }
      case APPLICATION_WITHDRAWN -> {
        Body body = body(event);
        yield Optional.of(
            new InboundEvent.Withdrawn(
                id, type, body.uuid("applicationId"), body.optionalText("by")));
      }
      case CANDIDATE_ERASED -> {
        Body body = body(event);
        yield Optional.of(
            new InboundEvent.CandidateErased(
                id, type, body.uuid("candidateId"), body.uuids("applicationIds")));
      }
      default -> Optional.empty();
    };
  }

  private static InboundEvent.ApplicationSubmitted submitted(String id, String type, Body body) {
    Body candidate = body.optionalObject("candidate");
    return new InboundEvent.ApplicationSubmitted(
        id,
        type,
        body.uuid("applicationId"),
        body.uuid("roleId"),
        body.optionalText("roleTitle"),
        body.uuid("candidateId"),
        candidate.email("email"),
        candidate.optionalText("firstName"),
        body.optionalText("stage"),
        body.optionalObject("eligibility").text("outcome"));
  }

  private static InboundEvent.RoleChanged role(String id, String type, Body role) {
    return new InboundEvent.RoleChanged(
        id,
        type,
        role.uuid("id"),
        role.text("title"),
        role.optionalDate("respondBy"),
        role.number("version"));
  }

  private Body body(CloudEvent event) {
    JsonNode node;
    try {
      node = json.readTree(event.data());
    } catch (JsonProcessingException e) {
      throw new PoisonEventException(
          "event " + event.id() + " (" + event.type() + ") is not JSON: " + e.getOriginalMessage(),
          e);
    }
    if (node == null || !node.isObject()) {
      throw new PoisonEventException(
          "event " + event.id() + " (" + event.type() + ") is not an object");
    }
    return new Body(node, "");
  }

  /** The explanation may be one string or a list of them (one per failed requirement). */
  private static List<String> explanation(JsonNode node) {
    if (node == null || node.isNull()) {
      return List.of();
    }
    if (!node.isArray()) {
      return node.isValueNode() && !node.asText().isBlank() ? List.of(node.asText()) : List.of();
    }
    List<String> lines = new ArrayList<>();
    for (JsonNode each : node) {
      if (each.isValueNode() && !each.asText().isBlank()) {
        lines.add(each.asText());
      } else if (each.isObject() && each.hasNonNull("explanation")) {
        lines.add(each.get("explanation").asText());
      }
    }
    return List.copyOf(lines);
  }

  /**
   * A JSON object of a payload, at {@code path} ({@code ""} for the payload itself, {@code
   * "candidate."} for its candidate): every failure names the field by its full path.
   */
  private record Body(JsonNode node, String path) {

    Body object(String field) {
      JsonNode value = node.get(field);
      if (value == null || !value.isObject()) {
        throw new PoisonEventException("required object " + path + field + " is missing");
      }
      return new Body(value, path + field + ".");
    }

    /** A missing object reads as an empty one, so its required fields are reported by path. */
    Body optionalObject(String field) {
      return new Body(node.path(field), path + field + ".");
    }

    String text(String field) {
      String value = optionalText(field);
      if (value == null || value.isBlank()) {
        throw new PoisonEventException("required field " + path + field + " is missing");
      }
      return value;
    }

    String optionalText(String field) {
      JsonNode value = node.get(field);
      if (value == null || value.isNull()) {
        return null;
      }
      if (!value.isValueNode()) {
        throw new PoisonEventException(path + field + " is not a string");
      }
      String text = value.asText();
      if (text.length() > MAX_TEXT) {
        throw new PoisonEventException(
            path + field + " is longer than " + MAX_TEXT + " characters");
      }
      return text;
    }

    UUID uuid(String field) {
      return toUuid(text(field), path + field);
    }

    List<UUID> uuids(String field) {
      JsonNode values = node.get(field);
      if (values == null || values.isNull()) {
        return List.of();
      }
      if (!values.isArray()) {
        throw new PoisonEventException(path + field + " is not an array");
      }
      List<UUID> uuids = new ArrayList<>();
      for (JsonNode each : values) {
        uuids.add(toUuid(each.asText(), path + field + "[]"));
      }
      return List.copyOf(uuids);
    }

    String email(String field) {
      String email = text(field);
      if (!email.matches("[^@\\s]+@[^@\\s]+")) {
        throw new PoisonEventException(path + field + " is not an email address");
      }
      return email;
    }

    LocalDate optionalDate(String field) {
      String value = optionalText(field);
      try {
        return value == null ? null : LocalDate.parse(value);
      } catch (DateTimeParseException e) {
        throw new PoisonEventException(path + field + " is not a date: " + value, e);
      }
    }

    long number(String field) {
      JsonNode value = node.get(field);
      if (value == null || !value.canConvertToLong()) {
        throw new PoisonEventException(path + field + " is missing or not a number");
      }
      return value.asLong();
    }

    private static UUID toUuid(String value, String field) {
      try {
        return UUID.fromString(value);
      } catch (IllegalArgumentException e) {
        throw new PoisonEventException(field + " is not a UUID: " + value, e);
      }
    }
  }
}
