package dev.ats.platform.outbox;

import io.quarkus.scheduler.Scheduled;
import io.quarkus.scheduler.ScheduledExecution;
import jakarta.inject.Singleton;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** Lets a test stop the scheduled relay ({@code ats.outbox.enabled=false}) to drive it by hand. */
@Singleton
public class OutboxDisabled implements Scheduled.SkipPredicate {

  private final boolean enabled;

  public OutboxDisabled(
      @ConfigProperty(name = "ats.outbox.enabled", defaultValue = "true") boolean enabled) {
    this.enabled = enabled;
  }

  @Override
  public boolean test(ScheduledExecution execution) {
    return !enabled;
  }
}
