package dev.ats.platform.events;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * The one way a consumer applies an event's effect. A transient failure (the database away, a pool
 * timeout) is retried in place with doubling backoff for as long as it takes, so the record is
 * acknowledged only after its effect committed and no event is ever lost. A failure that retrying
 * cannot fix becomes a {@link PoisonEventException}, so that the consumer skips or dead-letters the
 * record instead of blocking its partition forever: a poison event thrown by the effect, or the
 * same data rejected by PostgreSQL (a data exception or integrity violation, SQLSTATE class 22 or
 * 23) three times in a row. On shutdown the failure is rethrown: the record stays unacknowledged
 * and is redelivered after the restart.
 */
@ApplicationScoped
public class EventRetry {

  private static final Logger LOG = Logger.getLogger(EventRetry.class);
  private static final int DETERMINISTIC_ATTEMPTS = 3;

  private final Duration firstBackoff;
  private final Duration maxBackoff;
  private volatile boolean stopping;

  public EventRetry(
      @ConfigProperty(name = "ats.events.retry.first-backoff", defaultValue = "PT0.2S")
          Duration firstBackoff,
      @ConfigProperty(name = "ats.events.retry.max-backoff", defaultValue = "PT30S")
          Duration maxBackoff) {
    this.firstBackoff = firstBackoff;
    this.maxBackoff = maxBackoff;
  }

  /**
   * Runs {@code effect} until it succeeds.
   *
   * @param what names the event in log lines, e.g. {@code "hire event 7f3c…"}
   * @throws PoisonEventException if the event can never be applied
   */
  public void untilApplied(String what, Runnable effect) {
    Duration wait = firstBackoff;
    int deterministicFailures = 0;
    while (true) {
      try {
        effect.run();
        return;
      } catch (PoisonEventException e) {
        throw e;
      } catch (RuntimeException e) {
        if (stopping) {
          throw e;
        }
        if (isDeterministic(e) && ++deterministicFailures >= DETERMINISTIC_ATTEMPTS) {
          throw new PoisonEventException(what + " could not be applied: " + rootCause(e), e);
        }
        LOG.warnf("%s not applied yet, retrying in %s: %s", what, wait, e.toString());
        pause(wait);
        wait = wait.multipliedBy(2).compareTo(maxBackoff) > 0 ? maxBackoff : wait.multipliedBy(2);
      }
    }
  }

  /**
   * A failure that the same input will always cause: PostgreSQL's data exceptions (SQLSTATE class
   * 22) and integrity violations (23). A database that is away (class 08, pool timeouts) is not.
   */
  public static boolean isDeterministic(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause()) {
      if (cause instanceof SQLException sql && sql.getSQLState() != null) {
        String sqlState = sql.getSQLState();
        return sqlState.startsWith("22") || sqlState.startsWith("23");
      }
      if (cause.getCause() == cause) {
        break;
      }
    }
    return false;
  }

  private static String rootCause(Throwable e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root.getClass().getSimpleName() + ": " + root.getMessage();
  }

  private static void pause(Duration wait) {
    try {
      Thread.sleep(wait.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while waiting to retry an event", e);
    }
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
  }
}
