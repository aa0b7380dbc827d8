package dev.ats.roles.service;

import static jakarta.transaction.Transactional.TxType.SUPPORTS;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ats.roles.domain.Role;
import dev.ats.roles.domain.RoleOpeningRepository;
import dev.ats.roles.domain.RoleRepository;
import dev.ats.roles.domain.RoleStatus;
import dev.ats.roles.messaging.RoleEvent;
import dev.ats.web.error.ApiException;
import dev.ats.web.paging.Cursors;
import dev.ats.web.paging.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Validator;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** Roles: their fields, their openings and their status, each change with its event. */
@ApplicationScoped
@Transactional
public class RoleService {

  /** Fields of the representation that a merge patch may not set. */
  private static final Set<String> READ_ONLY =
      Set.of("id", "openingsFilled", "status", "version", "createdAt", "updatedAt");

  private final RoleRepository roles;
  private final RoleOpeningRepository openings;
  private final RoleViews views;
  private final RoleEvents events;
  private final Validator validator;
  private final ObjectMapper json;

  public RoleService(
      RoleRepository roles,
      RoleOpeningRepository openings,
      RoleViews views,
      RoleEvents events,
      Validator validator,
      ObjectMapper json) {
    this.roles = roles;
    this.openings = openings;
    this.views = views;
    this.events = events;
    this.validator = validator;
    this.json = json;
  }

  /** Creates a DRAFT role from a validated {@code input}. */
  public RoleSnapshot create(RoleInput input) {
    RoleInput normalised = input.normalised();
    Role role = new Role();
    role.id = UUID.randomUUID();
    views.apply(normalised, role);
    role.status = RoleStatus.DRAFT;
    role.createdAt = now();
    role.updatedAt = role.createdAt;
    roles.persist(role);
    openings.addOpen(role.id, role.openings);
    return events.publish(role, RoleEvent.CREATED, null, null);
  }

  /** The role, if it exists and the caller may see it ({@code onlyOpen}: anonymous callers). */
  @Transactional(SUPPORTS)
  public Optional<RoleSnapshot> find(UUID id, boolean onlyOpen) {
    return roles
        .findByIdOptional(id)
        .filter(role -> !onlyOpen || role.status == RoleStatus.OPEN)
        .map(views::snapshot);
  }

  /** One page of roles in the stable order createdAt desc, id desc. */
  @Transactional(SUPPORTS)
  public Page<RoleSnapshot> list(RoleRepository.Filter filter, String cursor, Integer limit) {
    int size = Cursors.limit(limit);
    List<String> position = Cursors.decode(cursor, 2);
    RoleRepository.After after = null;
    if (position != null) {
      try {
        after =
            new RoleRepository.After(
                Instant.parse(position.get(0)), UUID.fromString(position.get(1)));
      } catch (DateTimeParseException | IllegalArgumentException e) {
        throw ApiException.badRequest("cursor is not one that this list returned");
      }
    }
    return Page.of(
        roles.list(filter, after, size + 1),
        size,
        views::snapshot,
        role -> Cursors.encode(role.createdAt, role.id));
  }

  /**
   * Applies an RFC 7396 merge patch to the role's writable fields, if the caller saw its current
   * version. A patch that changes nothing changes neither the version nor publishes an event.
   */
  public RoleSnapshot patch(UUID id, long expectedVersion, JsonNode patch)
      throws JsonProcessingException {
    if (!(patch instanceof ObjectNode changes)) {
      throw ApiException.badRequest("a merge patch must be a JSON object");
    }
    for (Iterator<String> names = changes.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (READ_ONLY.contains(name)) {
        throw ApiException.badRequest(
            name
                + " is read-only: status changes through /open, /close and /reopen, the rest is"
                + " kept by the service");
      }
    }
    Role role = lockCurrent(id, expectedVersion);
    RoleInput current = views.input(role);
    JsonNode merged = mergePatch(json.valueToTree(current), changes);
    RoleInput input = json.treeToValue(merged, RoleInput.class);
    Set<ConstraintViolation<RoleInput>> violations = validator.validate(input);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    RoleInput normalised = input.normalised();
    if (normalised.equals(current)) {
      return views.snapshot(role);
    }
    if (normalised.openings() < role.openingsFilled) {
      throw ApiException.conflict(
          "openings cannot be fewer than the " + role.openingsFilled + " already filled",
          Map.of("openingsFilled", role.openingsFilled));
    }
    int before = role.openings;
    views.apply(normalised, role);
    if (role.openings > before) {
      openings.addOpen(role.id, role.openings - before);
    } else if (role.openings < before) {
      openings.removeOpen(role.id, before - role.openings);
    }
    role.updatedAt = now();
    if (role.status == RoleStatus.OPEN && role.openOpenings() == 0) {
      // Fewer openings, all of them filled: the role is filled, exactly as if a hire did it.
      return changeStatus(
          role, RoleStatus.FILLED, RoleEvent.FILLED, "openings reduced to the number filled");
    }
    return events.publish(role, RoleEvent.UPDATED, null, null);
  }

  /** DRAFT → OPEN: candidates can see and apply to it. */
  public RoleSnapshot open(UUID id, Long expectedVersion) {
    Role role = lockCurrent(id, expectedVersion);
    requireStatus(role, "open", RoleStatus.DRAFT);
    if (role.openOpenings() == 0) {
      throw ApiException.conflict(
          "every opening of this role is already filled: raise openings before opening it",
          Map.of("openings", role.openings, "openingsFilled", role.openingsFilled));
    }
    return changeStatus(role, RoleStatus.OPEN, RoleEvent.OPENED, null);
  }

  /** OPEN → CLOSED, for a reason the event carries. */
  public RoleSnapshot close(UUID id, Long expectedVersion, String reason) {
    Role role = lockCurrent(id, expectedVersion);
    requireStatus(role, "close", RoleStatus.OPEN);
    return changeStatus(role, RoleStatus.CLOSED, RoleEvent.CLOSED, reason.strip());
  }

  /**
   * CLOSED or FILLED → OPEN, first adding {@code additionalOpenings}. A role with no open opening
   * left (always the case when FILLED) needs at least one more.
   */
  public RoleSnapshot reopen(UUID id, Long expectedVersion, int additionalOpenings, String reason) {
    Role role = lockCurrent(id, expectedVersion);
    requireStatus(role, "reopen", RoleStatus.CLOSED, RoleStatus.FILLED);
    if (role.openOpenings() + additionalOpenings < 1) {
      throw ApiException.conflict(
          "all "
              + role.openings
              + " openings are filled: reopening needs additionalOpenings of at least 1",
          Map.of("openings", role.openings, "openingsFilled", role.openingsFilled));
    }
    if (role.openings + additionalOpenings > 1000) {
      throw ApiException.badRequest("a role has at most 1000 openings");
    }
    if (additionalOpenings > 0) {
      openings.addOpen(role.id, additionalOpenings);
      role.openings += additionalOpenings;
    }
    return changeStatus(
        role, RoleStatus.OPEN, RoleEvent.REOPENED, reason == null ? null : reason.strip());
  }

  private RoleSnapshot changeStatus(Role role, RoleStatus to, String eventType, String reason) {
    RoleStatus from = role.status;
    role.status = to;
    role.statusReason = reason;
    role.updatedAt = now();
    return events.publish(role, eventType, from, reason);
  }

  private Role lockCurrent(UUID id, Long expectedVersion) {
    Role role = roles.findForUpdate(id).orElseThrow(() -> ApiException.notFound("role", id));
    if (expectedVersion != null && expectedVersion != role.version) {
      throw ApiException.preconditionFailed(
          "role "
              + id
              + " is at version "
              + role.version
              + ", not "
              + expectedVersion
              + ": read it again and retry");
    }
    return role;
  }

  private static void requireStatus(Role role, String action, RoleStatus... allowed) {
    for (RoleStatus status : allowed) {
      if (role.status == status) {
        return;
      }
    }
    Map<String, Object> extensions = new HashMap<>();
    extensions.put("currentStatus", role.status.name());
    extensions.put("allowedActions", role.status.allowedActions());
    throw ApiException.conflict(
        "cannot "
            + action
            + " a role that is "
            + role.status
            + "; allowed: "
            + String.join(", ", role.status.allowedActions()),
        extensions);
  }

  /** RFC 7396: objects merge member by member, null removes, anything else replaces. */
  static JsonNode mergePatch(JsonNode target, JsonNode patch) {
    if (!patch.isObject()) {
      return patch;
    }
    ObjectNode result =
        target != null && target.isObject()
            ? ((ObjectNode) target).deepCopy()
            : JsonNodeFactory.instance.objectNode();
    for (Iterator<Map.Entry<String, JsonNode>> fields = patch.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getValue().isNull()) {
        result.remove(field.getKey());
      } else {
        result.set(field.getKey(), mergePatch(result.get(field.getKey()), field.getValue()));
      }
    }
    return result;
  }

  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }
}
