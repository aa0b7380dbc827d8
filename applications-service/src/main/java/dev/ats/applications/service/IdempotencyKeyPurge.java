package dev.ats.applications.service;

import dev.ats.applications.config.ApplicationsConfig;
import dev.ats.platform.housekeeping.Purge;
import dev.ats.platform.idempotency.IdempotencyKeys;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;

/**
 * Forgets {@code Idempotency-Key}s after {@code ats.applications.idempotency-key-retention}, on the
 * platform's housekeeping schedule (this bean is one of its {@link Purge}s).
 */
@ApplicationScoped
public class IdempotencyKeyPurge implements Purge {

  private final IdempotencyKeys keys;
  private final ApplicationsConfig config;

  public IdempotencyKeyPurge(IdempotencyKeys keys, ApplicationsConfig config) {
    this.keys = keys;
    this.config = config;
  }

  @Override
  public String name() {
    return "Idempotency-Keys";
  }

  @Override
  public int purge(Instant now) {
    return keys.forgetCreatedBefore(now.minus(config.idempotencyKeyRetention()));
  }
}
