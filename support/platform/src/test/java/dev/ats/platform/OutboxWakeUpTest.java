package dev.ats.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.infra.test.TestKafka;
import dev.ats.platform.outbox.Outbox;
import io.agroal.api.AgroalDataSource;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.sql.Connection;
import java.sql.Statement;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;

/**
 * The relay runs here with its fallback poll an hour away, so an event can only reach the topic
 * within the test's bound if a commit woke the relay.
 */
@QuarkusTest
@TestProfile(OutboxWakeUpTest.PollAnHourAway.class)
class OutboxWakeUpTest {

  private static final String TOPIC = "platform.test.wake-up";
  private static final Duration WAIT = Duration.ofSeconds(60);

  public static class PollAnHourAway implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "ats.outbox.enabled", "true",
          "ats.outbox.interval", "1h",
          "ats.outbox.initial-delay", "1h");
    }
  }

  @Inject Outbox outbox;
  @Inject EntityManager em;
  @Inject AgroalDataSource dataSource;

  @Test
  void shouldNotifyEveryInstanceWhenEventsCommitAndNeverWhenTheyRollBack() throws Exception {
    // What another instance hears: its LISTEN connection, not this process's after-commit hook.
    try (Connection listener = dataSource.getConnection();
        Statement statement = listener.createStatement()) {
      statement.execute("listen " + Outbox.CHANNEL);
      try {
        PGConnection notifications = listener.unwrap(PGConnection.class);
        try {
          QuarkusTransaction.requiringNew()
              .run(
                  () -> {
                    outbox.add(
                        TOPIC, "dev.ats.test.Probed", UUID.randomUUID().toString(), Map.of());
                    throw new IllegalStateException("the change fails after the event");
                  });
        } catch (IllegalStateException expected) {
          // the transaction rolled back
        }
        assertThat(received(notifications, 2_000)).isEmpty();

        String subject = UUID.randomUUID().toString();
        QuarkusTransaction.requiringNew()
            .run(
                () -> {
                  outbox.add(TOPIC, "dev.ats.test.Probed", subject, Map.of("n", 1));
                  outbox.add(TOPIC, "dev.ats.test.Probed", subject, Map.of("n", 2));
                });
        assertThat(received(notifications, (int) WAIT.toMillis())).containsOnly(Outbox.CHANNEL);
        TestKafka.awaitRecords(TOPIC, r -> subject.equals(r.key()), 2, WAIT);
      } finally {
        statement.execute("unlisten *");
      }
    }
  }

  /** The channels of the notifications that arrive within {@code millis} (none: empty). */
  private static List<String> received(PGConnection connection, int millis) throws Exception {
    PGNotification[] notifications = connection.getNotifications(millis);
    return notifications == null
        ? List.of()
        : Arrays.stream(notifications).map(PGNotification::getName).toList();
  }

  @Test
  void shouldPublishAnEventWhenItsTransactionCommitsWithoutWaitingForThePoll() {
    String subject = UUID.randomUUID().toString();
    UUID eventId =
        QuarkusTransaction.requiringNew()
            .call(() -> outbox.add(TOPIC, "dev.ats.test.Probed", subject, Map.of("n", 1)));

    ConsumerRecord<String, String> record =
        TestKafka.awaitRecords(TOPIC, r -> subject.equals(r.key()), 1, WAIT).get(0);
    assertThat(TestKafka.header(record, "ce_id")).isEqualTo(eventId.toString());
  }

  @Test
  void shouldPublishRowsAnotherInstanceCommittedWhenPostgresNotifies() {
    // Another instance of the service writes a row and notifies; this process has no after-commit
    // hook for that transaction, only its LISTEN connection.
    String subject = UUID.randomUUID().toString();
    UUID eventId = UUID.randomUUID();
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              em.createNativeQuery(
                      "insert into outbox_event (event_id, topic, event_key, type, source,"
                          + " subject, occurred_at, payload, attempts) values (:id, :topic,"
                          + " :key, 'dev.ats.test.Probed', '/ats/other-instance', :key, now(),"
                          + " '{}', 0)")
                  .setParameter("id", eventId)
                  .setParameter("topic", TOPIC)
                  .setParameter("key", subject)
                  .executeUpdate();
              em.createNativeQuery("notify " + Outbox.CHANNEL).executeUpdate();
            });

    ConsumerRecord<String, String> record =
        TestKafka.awaitRecords(TOPIC, r -> subject.equals(r.key()), 1, WAIT).get(0);
    assertThat(TestKafka.header(record, "ce_source")).isEqualTo("/ats/other-instance");
  }

  @Test
  void shouldNotPublishAnEventWhoseTransactionRolledBack() {
    String rolledBack = UUID.randomUUID().toString();
    String committed = UUID.randomUUID().toString();
    try {
      QuarkusTransaction.requiringNew()
          .run(
              () -> {
                outbox.add(TOPIC, "dev.ats.test.Probed", rolledBack, Map.of());
                throw new IllegalStateException("the change fails after the event");
              });
    } catch (IllegalStateException expected) {
      // the transaction rolled back
    }
    QuarkusTransaction.requiringNew()
        .run(() -> outbox.add(TOPIC, "dev.ats.test.Probed", committed, Map.of()));

    TestKafka.awaitRecords(TOPIC, r -> committed.equals(r.key()), 1, WAIT);
    assertThat(TestKafka.readAll(TOPIC, r -> rolledBack.equals(r.key()), Duration.ofSeconds(2)))
        .isEmpty();
  }
}
