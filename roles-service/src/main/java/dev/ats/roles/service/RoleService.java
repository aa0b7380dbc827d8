package dev.ats.roles.service;

import static jakarta.transaction.Transactional.TxType.SUPPORTS;

import dev.ats.platform.events.EventTypes;
import dev.ats.platform.time.Timestamps;
import dev.ats.roles.domain.Role;
import dev.ats.roles.domain.RoleDetails;
import dev.ats.roles.domain.RoleOpeningRepository;
import dev.ats.roles.domain.RoleRepository;
import dev.ats.roles.domain.RoleState;
import dev.ats.roles.domain.RoleStatus;
import dev.ats.web.error.ApiException;
import dev.ats.web.paging.Cursors;
import dev.ats.web.paging.Page;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/** Roles: their fields, their openings and their status, each change with its event. */
@ApplicationScoped
@Transactional
public class RoleService {

  private final RoleRepository roles;
  private final RoleOpeningRepository openings;
  private final RoleEvents events;

  public RoleService(RoleRepository roles, RoleOpeningRepository openings, RoleEvents events) {
    this.roles = roles;
    this.openings = openings;
    this.events = events;
  }

  /** Creates a DRAFT role with validated {@code details}. */
  public RoleState create(RoleDetails details) {
    Role role = Role.draft(details, Timestamps.now());
    roles.persist(role);
    openings.addOpen(role.id, role.openings);
    return events.publish(role, EventTypes.ROLE_CREATED, null, null);
  }

  /** The role, if it exists and the caller may see it ({@code onlyOpen}: anonymous callers). */
  @Transactional(SUPPORTS)
  public Optional<RoleState> find(UUID id, boolean onlyOpen) {
    return roles
        .findByIdOptional(id)
        .filter(role -> !onlyOpen || role.status == RoleStatus.OPEN)
        .map(Role::state);
  }

  /** One page of roles in the stable order createdAt desc, id desc. */
  @Transactional(SUPPORTS)
  public Page<RoleState> list(RoleRepository.Filter filter, String cursor, Integer limit) {
    int size = Cursors.limit(limit);
    Cursors.Position after = Cursors.position(cursor);
    return Page.of(
        roles.list(filter, after, size + 1),
        size,
        Role::state,
        role -> Cursors.encode(role.createdAt, role.id));
  }

  /**
   * The role as it is, provided the caller saw this version (404, 412 otherwise): what a change
   * such as a merge patch is computed from, before {@link #update} applies it.
   */
  @Transactional(SUPPORTS)
  public RoleState current(UUID id, long expectedVersion) {
    Role role = roles.findByIdOptional(id).orElseThrow(() -> ApiException.notFound("role", id));
    requireVersion(role, expectedVersion);
    return role.state();
  }

  /**
   * Replaces the role's details with validated {@code details}, if the caller saw its current
   * version. Details that change nothing change neither the version nor publish an event.
   */
  public RoleState update(UUID id, long expectedVersion, RoleDetails details) {
    Role role = lockCurrent(id, expectedVersion);
    if (details.equals(role.details())) {
      return role.state();
    }
    if (details.openings() < role.openingsFilled) {
      throw ApiException.conflict(
          "openings cannot be fewer than the " + role.openingsFilled + " already filled",
          Map.of("openingsFilled", role.openingsFilled));
    }
    int before = role.openings;
    role.apply(details);
    if (role.openings > before) {
      openings.addOpen(role.id, role.openings - before);
    } else if (role.openings < before) {
      openings.removeOpen(role.id, before - role.openings);
    }
    role.updatedAt = Timestamps.now();
    if (role.status == RoleStatus.OPEN && role.openOpenings() == 0) {
      // Fewer openings, all of them filled: the role is filled, exactly as if a hire did it.
      return events.changeStatus(
          role, RoleStatus.FILLED, EventTypes.ROLE_FILLED, "openings reduced to the number filled");
    }
    return events.publish(role, EventTypes.ROLE_UPDATED, null, null);
  }

  /** DRAFT → OPEN: candidates can see and apply to it. */
  public RoleState open(UUID id, Long expectedVersion) {
    Role role = lockCurrent(id, expectedVersion);
    requireStatus(role, "open", RoleStatus.DRAFT);
    if (role.openOpenings() == 0) {
      throw ApiException.conflict(
          "every opening of this role is already filled: raise openings before opening it",
          Map.of("openings", role.openings, "openingsFilled", role.openingsFilled));
    }
    return events.changeStatus(role, RoleStatus.OPEN, EventTypes.ROLE_OPENED, null);
  }

  /** OPEN → CLOSED, for a reason the event carries. */
  public RoleState close(UUID id, Long expectedVersion, String reason) {
    Role role = lockCurrent(id, expectedVersion);
    requireStatus(role, "close", RoleStatus.OPEN);
    return events.changeStatus(role, RoleStatus.CLOSED, EventTypes.ROLE_CLOSED, reason.strip());
  }

  /**
   * CLOSED or FILLED → OPEN, first adding {@code additionalOpenings}. A role with no open opening
   * left (always the case when FILLED) needs at least one more.
   */
  public RoleState reopen(UUID id, Long expectedVersion, int additionalOpenings, String reason) {
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
    return events.changeStatus(
        role, RoleStatus.OPEN, EventTypes.ROLE_REOPENED, reason == null ? null : reason.strip());
  }

  private Role lockCurrent(UUID id, Long expectedVersion) {
    Role role = roles.findForUpdate(id).orElseThrow(() -> ApiException.notFound("role", id));
    if (expectedVersion != null) {
      requireVersion(role, expectedVersion);
    }
    return role;
  }

  private static void requireVersion(Role role, long expectedVersion) {
    if (expectedVersion != role.version) {
      throw ApiException.preconditionFailed(
          "role "
              + role.id
              + " is at version "
              + role.version
              + ", not "
              + expectedVersion
              + ": read it again and retry");
    }
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
}
