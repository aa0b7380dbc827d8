package dev.ats.platform.outbox;

import io.agroal.api.AgroalDataSource;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * Listens on PostgreSQL's {@value Outbox#CHANNEL} channel and wakes the {@link OutboxRelay} when
 * any instance of the service committed outbox rows, so that the instance holding the relay's lock
 * publishes them at once instead of on the next poll. One connection of the pool is held for it;
 * when the database goes away it reconnects with a doubling pause, and the relay's slow poll covers
 * the gap.
 */
@ApplicationScoped
public class OutboxListener {

  private static final Logger LOG = Logger.getLogger(OutboxListener.class);

  /**
   * How long one wait for notifications lasts. A notification ends the wait at once, so this adds
   * no latency; it only bounds how often an idle listener wakes (twice a minute, not every second).
   */
  private static final int WAIT_MILLIS = 30_000;

  private static final Duration MAX_PAUSE = Duration.ofSeconds(10);

  private final AgroalDataSource dataSource;
  private final OutboxRelay relay;
  private final boolean enabled;
  private volatile boolean stopping;
  private Thread thread;

  public OutboxListener(
      AgroalDataSource dataSource,
      OutboxRelay relay,
      @ConfigProperty(name = "ats.outbox.enabled", defaultValue = "true") boolean enabled) {
    this.dataSource = dataSource;
    this.relay = relay;
    this.enabled = enabled;
  }

  void onStart(@Observes StartupEvent event) {
    if (!enabled) {
      return;
    }
    thread = new Thread(this::listen, "outbox-listener");
    thread.setDaemon(true);
    thread.start();
  }

  void onStop(@Observes ShutdownEvent event) {
    stopping = true;
    if (thread != null) {
      thread.interrupt();
    }
  }

  private void listen() {
    Duration pause = Duration.ofMillis(200);
    while (!stopping) {
      try (Connection connection = dataSource.getConnection()) {
        connection.setAutoCommit(true);
        try (Statement statement = connection.createStatement()) {
          statement.execute("listen " + Outbox.CHANNEL);
        }
        PGConnection postgres = connection.unwrap(PGConnection.class);
        pause = Duration.ofMillis(200);
        // Rows committed before LISTEN took effect would otherwise wait for the poll.
        relay.wake();
        while (!stopping) {
          PGNotification[] notifications = postgres.getNotifications(WAIT_MILLIS);
          if (notifications != null && notifications.length > 0) {
            relay.wake();
          }
        }
      } catch (SQLException | RuntimeException e) {
        if (stopping) {
          return;
        }
        LOG.debugf("outbox listener reconnecting in %s: %s", pause, e.getMessage());
        try {
          Thread.sleep(pause.toMillis());
        } catch (InterruptedException interrupted) {
          return;
        }
        pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
      }
    }
  }
}
