package dev.ats.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ats.infra.test.TestKafka;
import dev.ats.notifications.Fixtures.Application;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/**
 * A failure that is not the event's fault (here: the table it writes to is gone for a while) must
 * neither lose the event nor dead-letter it: it is retried until it succeeds.
 */
@QuarkusTest
class TransientFailureTest {

  @Inject EntityManager em;

  @Test
  void shouldRetryAnEventWhileItsDatabaseWritesFailAndNeverDeadLetterIt() {
    Application ada = Application.of("Ada", "Software Engineer - Intern");
    String eventId;
    execute("alter table application_copy rename to application_copy_away");
    try {
      eventId = Fixtures.submitted(ada, "ELIGIBLE");
      await()
          .during(Duration.ofSeconds(3))
          .atMost(Duration.ofSeconds(30))
          .until(() -> Fixtures.notificationsOf(ada.applicationId()).isEmpty());
    } finally {
      execute("alter table application_copy_away rename to application_copy");
    }

    Fixtures.awaitSent(ada.applicationId(), "APPLICATION_RECEIVED");
    assertThat(Fixtures.awaitMail(ada.email(), 1)).hasSize(1);
    String id = eventId;
    assertThat(
            TestKafka.readAll(
                "notifications.dead-letter",
                r -> {
                  var header = r.headers().lastHeader("ce_id");
                  return header != null
                      && id.equals(new String(header.value(), StandardCharsets.UTF_8));
                },
                Duration.ofSeconds(2)))
        .isEmpty();
  }

  private void execute(String sql) {
    QuarkusTransaction.requiringNew().run(() -> em.createNativeQuery(sql).executeUpdate());
  }
}
