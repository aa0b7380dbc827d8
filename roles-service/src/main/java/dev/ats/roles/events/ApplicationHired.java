package dev.ats.roles.messaging;

import com.fasterxml.jackson.annotation.JsonIgnoreProperties;
import java.time.Instant;
import java.util.UUID;

/**
 * The payload of {@code dev.ats.application.hired.v1}, as far as roles-service reads it. Fields
 * added later within v1 are ignored.
 */
@JsonIgnoreProperties(ignoreUnknown = true)
public record ApplicationHired(
    UUID applicationId,
    UUID roleId,
    UUID candidateId,
    String actor,
    Long version,
    Instant hiredAt) {}
