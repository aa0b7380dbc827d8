package dev.ats.roles;

import static dev.ats.roles.Fixtures.WAIT;
import static dev.ats.roles.Fixtures.hire;
import static dev.ats.roles.Fixtures.openRole;
import static dev.ats.roles.Fixtures.outboxTypes;
import static dev.ats.roles.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.ats.platform.events.EventRetry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A hire that arrives while the database cannot apply it is retried, not lost. */
@QuarkusTest
class HireRetryTest {

  @Inject EntityManager em;

  @Test
  void shouldApplyHireOnceDatabaseRecoversFromFailure() {
    String role = openRole("Retry", 2);
    String application = UUID.randomUUID().toString();
    try (LogCapture warnings = LogCapture.warnings(EventRetry.class)) {
      // The openings table is away: every attempt to apply a hire fails until it is back.
      sql("alter table role_opening rename to role_opening_away");
      String eventId;
      try {
        eventId = hire(role, application);
        await()
            .atMost(WAIT)
            .until(() -> warnings.lines().stream().anyMatch(w -> w.contains(eventId)));
      } finally {
        sql("alter table role_opening_away rename to role_opening");
      }

      await().atMost(WAIT).untilAsserted(() -> read(role).body("openingsFilled", equalTo(1)));
      read(role).body("status", equalTo("OPEN"));
      assertThat(outboxTypes(role))
          .as("the hire applied once")
          .filteredOn("dev.ats.role.updated.v1"::equals)
          .hasSize(1);
    }
  }

  private void sql(String statement) {
    QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(statement).executeUpdate());
  }
}
