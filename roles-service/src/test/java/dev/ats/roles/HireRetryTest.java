package dev.ats.roles;

import static dev.ats.roles.RoleFixtures.hire;
import static dev.ats.roles.RoleFixtures.openRole;
import static dev.ats.roles.RoleFixtures.read;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.ats.platform.events.EventRetry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.logging.Handler;
import java.util.logging.Level;
import java.util.logging.LogRecord;
import java.util.logging.Logger;
import org.junit.jupiter.api.Test;

/** A hire that arrives while the database cannot apply it is retried, not lost. */
@QuarkusTest
class HireRetryTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

  @Inject EntityManager em;

  @Test
  void shouldApplyHireOnceDatabaseRecoversFromFailure() {
    String role = openRole("Retry", 2);
    String application = UUID.randomUUID().toString();
    List<String> warnings = new CopyOnWriteArrayList<>();
    Logger consumerLog = Logger.getLogger(EventRetry.class.getName());
    Handler capture =
        new Handler() {
          @Override
          public void publish(LogRecord record) {
            if (record.getLevel().intValue() >= Level.WARNING.intValue()) {
              warnings.add(String.valueOf(record.getMessage()) + " " + paramsOf(record));
            }
          }

          @Override
          public void flush() {}

          @Override
          public void close() {}
        };
    consumerLog.addHandler(capture);
    try {
      // The openings table is away: every attempt to apply a hire fails until it is back.
      sql("alter table role_opening rename to role_opening_away");
      String eventId;
      try {
        eventId = hire(role, application);
        await().atMost(WAIT).until(() -> warnings.stream().anyMatch(w -> w.contains(eventId)));
      } finally {
        sql("alter table role_opening_away rename to role_opening");
      }

      await().atMost(WAIT).untilAsserted(() -> read(role).body("openingsFilled", equalTo(1)));
      read(role).body("status", equalTo("OPEN"));
    } finally {
      consumerLog.removeHandler(capture);
    }
  }

  private void sql(String statement) {
    QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(statement).executeUpdate());
  }

  private static String paramsOf(LogRecord record) {
    return record.getParameters() == null ? "" : List.of(record.getParameters()).toString();
  }
}
