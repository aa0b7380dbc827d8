package dev.ats.roles.events;

import java.time.Instant;
import java.util.UUID;

/**
 * The payload of {@code dev.ats.application.hired.v1}, as far as roles-service reads it (fields
 * added later within v1 are ignored by the platform's reader).
 */
public record ApplicationHired(
    UUID applicationId,
    UUID roleId,
    UUID candidateId,
    String actor,
    Long version,
    Instant hiredAt) {}
