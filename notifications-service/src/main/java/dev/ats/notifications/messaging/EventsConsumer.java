package dev.ats.notifications.messaging;

import dev.ats.notifications.config.NotificationsConfig;
import dev.ats.notifications.service.EventHandlingService;
import dev.ats.platform.events.CloudEvent;
import dev.ats.platform.events.PoisonEventException;
import io.quarkus.runtime.ShutdownEvent;
import io.smallrye.reactive.messaging.annotations.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.eclipse.microprofile.reactive.messaging.Incoming;
import org.jboss.logging.Logger;

/**
 * Consumes {@code applications.events} and {@code roles.events}. Each record is either applied (one
 * transaction with the inbox record), ignored (a type this service does not handle), or, if it can
 * never be processed (no or bad CloudEvent headers, not JSON, a required field missing), sent to
 * the dead-letter topic. Any other failure (database or broker away) is retried with backoff until
 * it succeeds: the record is acknowledged only after its effect committed, and is never
 * dead-lettered for a transient reason.
 */
@ApplicationScoped
public class EventsConsumer {

  private static final Logger LOG = Logger.getLogger(EventsConsumer.class);
  private static final int DETERMINISTIC_ATTEMPTS = 3;

  private final EventParser parser;
  private final EventHandlingService handling;
  private final DeadLetters deadLetters;
  private final NotificationsConfig.Consumer config;
  private volatile boolean stopping;

  public EventsConsumer(
      EventParser parser,
      EventHandlingService handling,
      DeadLetters deadLetters,
      NotificationsConfig config) {
    this.parser = parser;
    this.handling = handling;
    this.deadLetters = deadLetters;
    this.config = config.consumer();
  }

  @Incoming("applications")
  @Blocking
  public void onApplicationEvent(ConsumerRecord<String, String> record) {
    process(record);
  }

  @Incoming("roles")
  @Blocking
  public void onRoleEvent(ConsumerRecord<String, String> record) {
    process(record);
  }

  void process(ConsumerRecord<String, String> record) {
    Duration wait = config.retryBackoff();
    int deterministicFailures = 0;
    while (true) {
      try {
        processOnce(record);
        return;
      } catch (RuntimeException e) {
        if (stopping) {
          throw e;
        }
        if (isDeterministic(e) && ++deterministicFailures >= DETERMINISTIC_ATTEMPTS) {
          // The data itself cannot be stored (a value the schema rejects): retrying forever
          // would block the partition, so it is a poison event after all.
          String reason = "could not be applied: " + rootCause(e);
          LOG.errorf(
              e, "event %s-%d@%d %s", record.topic(), record.partition(), record.offset(), reason);
          try {
            deadLetters.publish(record, reason);
            return;
          } catch (RuntimeException dlqFailure) {
            e = dlqFailure;
          }
        }
        LOG.warnf(
            "could not process %s-%d@%d yet, retrying in %s: %s",
            record.topic(), record.partition(), record.offset(), wait, e.toString());
        pause(wait);
        wait = wait.multipliedBy(2);
        if (wait.compareTo(config.maxRetryBackoff()) > 0) {
          wait = config.maxRetryBackoff();
        }
      }
    }
  }

  private void processOnce(ConsumerRecord<String, String> record) {
    Optional<InboundEvent> event;
    try {
      event = parser.parse(CloudEvent.from(record));
    } catch (PoisonEventException e) {
      LOG.warnf(
          "poison event %s-%d@%d sent to the dead-letter topic: %s",
          record.topic(), record.partition(), record.offset(), e.getMessage());
      deadLetters.publish(record, e.getMessage());
      return;
    }
    if (event.isEmpty()) {
      LOG.debugf("ignoring event of type %s", TypeOf.header(record));
      return;
    }
    handling.apply(event.get());
  }

  /**
   * A failure that the same input will always cause: PostgreSQL's data exceptions (SQLSTATE class
   * 22) and integrity violations (23). A database that is away (class 08, pool timeouts) is not.
   */
  static boolean isDeterministic(Throwable e) {
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

  private void pause(Duration wait) {
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

  private static final class TypeOf {
    static String header(ConsumerRecord<String, String> record) {
      var header = record.headers().lastHeader("ce_type");
      return header == null ? null : new String(header.value());
    }
  }
}
