package dev.ats.applications.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;

/** applications-service's own settings ({@code ats.applications.*}). */
@ConfigMapping(prefix = "ats.applications")
public interface ApplicationsConfig {

  /**
   * How long an {@code Idempotency-Key} is remembered (a day by default, like common payment APIs):
   * long enough for any client retry, and the table, which holds encrypted responses, does not grow
   * forever. Forgotten on the platform's housekeeping schedule ({@code ats.housekeeping.interval}).
   */
  @WithDefault("P1D")
  Duration idempotencyKeyRetention();
}
