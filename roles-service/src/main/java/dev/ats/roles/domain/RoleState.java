package dev.ats.roles.domain;

import java.time.Instant;
import java.util.UUID;

/**
 * A role as it is after a change (or a read): its details and what the service keeps about it. The
 * value the service layer returns; the REST resource and the event payload each map it to their own
 * record.
 */
public record RoleState(
    UUID id,
    RoleDetails details,
    int openingsFilled,
    RoleStatus status,
    long version,
    Instant createdAt,
    Instant updatedAt) {}
