package dev.ats.platform;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ats.infra.test.TestKafka;
import dev.ats.platform.inbox.Inbox;
import dev.ats.platform.outbox.Outbox;
import dev.ats.platform.outbox.OutboxEvent;
import dev.ats.platform.outbox.OutboxRelay;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionalException;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OutboxRelayTest {

  private static final String TOPIC = "platform.test.events";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Inject Outbox outbox;
  @Inject OutboxRelay relay;
  @Inject Inbox inbox;
  @Inject EntityManager em;
  @Inject dev.ats.platform.housekeeping.Housekeeping housekeeping;

  @Test
  void shouldPublishCommittedEventAsBinaryCloudEventKeyedBySubject() {
    String subject = UUID.randomUUID().toString();
    UUID eventId =
        QuarkusTransaction.requiringNew()
            .call(() -> outbox.add(TOPIC, "dev.ats.test.Probed", subject, Map.of("name", "x")));

    drainOutbox();

    ConsumerRecord<String, String> record =
        TestKafka.awaitRecords(TOPIC, r -> subject.equals(r.key()), 1, WAIT).get(0);
    assertThat(TestKafka.header(record, "ce_id")).isEqualTo(eventId.toString());
    assertThat(TestKafka.header(record, "ce_type")).isEqualTo("dev.ats.test.Probed");
    assertThat(TestKafka.header(record, "ce_source")).isEqualTo("/ats/platform-test");
    assertThat(TestKafka.header(record, "ce_subject")).isEqualTo(subject);
    assertThat(TestKafka.header(record, "ce_specversion")).isEqualTo("1.0");
    assertThat(TestKafka.header(record, "ce_time")).isNotBlank();
    assertThat(record.value()).isEqualTo("{\"name\":\"x\"}");
    assertThat(publishedAt(eventId)).isNotNull();
  }

  @Test
  void shouldNeverPublishEventOfRolledBackTransaction() {
    String subject = UUID.randomUUID().toString();
    String marker = UUID.randomUUID().toString();
    assertThatThrownBy(
            () ->
                QuarkusTransaction.requiringNew()
                    .run(
                        () -> {
                          insertProbe(subject);
                          outbox.add(TOPIC, "dev.ats.test.Probed", subject, Map.of());
                          throw new IllegalStateException("the change fails after the event");
                        }))
        .isInstanceOf(IllegalStateException.class);
    // A later, committed event proves the relay ran past the point where the first would be.
    QuarkusTransaction.requiringNew()
        .run(() -> outbox.add(TOPIC, "dev.ats.test.Probed", marker, Map.of()));
    drainOutbox();

    TestKafka.awaitRecords(TOPIC, r -> marker.equals(r.key()), 1, WAIT);
    assertThat(TestKafka.readAll(TOPIC, r -> subject.equals(r.key()), Duration.ofSeconds(2)))
        .isEmpty();
    Long probes =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    (Long)
                        em.createNativeQuery(
                                "select count(*) from probe where id = cast(:id as uuid)",
                                Long.class)
                            .setParameter("id", subject)
                            .getSingleResult());
    assertThat(probes).isZero();
  }

  @Test
  void shouldDeliverExactlyOnceToConsumerWhenRelayCrashedAfterSendBeforeMarking() {
    String subject = UUID.randomUUID().toString();
    UUID eventId =
        QuarkusTransaction.requiringNew()
            .call(() -> outbox.add(TOPIC, "dev.ats.test.Probed", subject, Map.of()));
    drainOutbox();
    // The broker has the event, but the relay "crashed" before its mark committed:
    QuarkusTransaction.requiringNew()
        .run(() -> em.find(OutboxEvent.class, seqOf(eventId)).publishedAt = null);
    drainOutbox();

    List<ConsumerRecord<String, String>> onTheWire =
        TestKafka.awaitRecords(TOPIC, r -> subject.equals(r.key()), 2, WAIT);
    assertThat(onTheWire)
        .extracting(r -> TestKafka.header(r, "ce_id"))
        .containsExactly(eventId.toString(), eventId.toString());
    long applied =
        onTheWire.stream()
            .filter(
                r ->
                    QuarkusTransaction.requiringNew()
                        .call(
                            () ->
                                inbox.firstDelivery("test-consumer", TestKafka.header(r, "ce_id"))))
            .count();
    assertThat(applied).isEqualTo(1);
  }

  @Test
  void shouldKeepOneSubjectsEventsInCommitOrder() {
    String subject = UUID.randomUUID().toString();
    IntStream.range(0, 25)
        .forEach(
            i ->
                QuarkusTransaction.requiringNew()
                    .run(() -> outbox.add(TOPIC, "dev.ats.test.Counted", subject, Map.of("n", i))));
    drainOutbox();

    List<ConsumerRecord<String, String>> records =
        TestKafka.awaitRecords(TOPIC, r -> subject.equals(r.key()), 25, WAIT);
    assertThat(records)
        .extracting(ConsumerRecord::value)
        .containsExactlyElementsOf(
            IntStream.range(0, 25).mapToObj(i -> "{\"n\":" + i + "}").toList());
  }

  @Test
  void shouldRefuseToWriteEventOutsideTransaction() {
    assertThatThrownBy(() -> outbox.add(TOPIC, "dev.ats.test.Probed", "x", Map.of()))
        .isInstanceOf(TransactionalException.class);
  }

  @Test
  void shouldNotMarkInboxWhenConsumerTransactionRolledBack() {
    String eventId = UUID.randomUUID().toString();
    assertThatThrownBy(
            () ->
                QuarkusTransaction.requiringNew()
                    .run(
                        () -> {
                          inbox.firstDelivery("test-consumer", eventId);
                          throw new IllegalStateException("side effect failed");
                        }))
        .isInstanceOf(IllegalStateException.class);

    assertThat(
            QuarkusTransaction.requiringNew()
                .call(() -> inbox.firstDelivery("test-consumer", eventId)))
        .isTrue();
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(() -> inbox.firstDelivery("test-consumer", eventId)))
        .isFalse();
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(() -> inbox.firstDelivery("other-consumer", eventId)))
        .as("each consumer keeps its own record")
        .isTrue();
  }

  @Test
  void shouldPurgeOnlyPublishedEventsAndInboxRecordsOlderThanTheirRetention() {
    String subject = UUID.randomUUID().toString();
    UUID published =
        QuarkusTransaction.requiringNew()
            .call(() -> outbox.add(TOPIC, "dev.ats.test.Probed", subject, Map.of()));
    drainOutbox();
    UUID pending =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    outbox.add(
                        "platform.test.unpublished", "dev.ats.test.Probed", subject, Map.of()));
    String handled = UUID.randomUUID().toString();
    QuarkusTransaction.requiringNew().run(() -> inbox.firstDelivery("test-consumer", handled));

    // Seen from 60 days in the future, everything is old; only the unpublished event must stay.
    housekeeping.purge(java.time.Instant.now().plus(java.time.Duration.ofDays(60)));

    assertThat(QuarkusTransaction.requiringNew().call(() -> countEvents(published))).isZero();
    assertThat(QuarkusTransaction.requiringNew().call(() -> countEvents(pending))).isEqualTo(1);
    assertThat(
            QuarkusTransaction.requiringNew()
                .call(() -> inbox.firstDelivery("test-consumer", handled)))
        .isTrue();
  }

  private long countEvents(UUID eventId) {
    return em.createQuery("select count(e) from OutboxEvent e where e.eventId = :id", Long.class)
        .setParameter("id", eventId)
        .getSingleResult();
  }

  private void drainOutbox() {
    while (relay.publishBatch() > 0) {
      // publish until nothing is left
    }
  }

  private void insertProbe(String id) {
    em.createNativeQuery("insert into probe (id, name) values (cast(:id as uuid), 'p')")
        .setParameter("id", id)
        .executeUpdate();
  }

  private Long seqOf(UUID eventId) {
    return em.createQuery("select e.seq from OutboxEvent e where e.eventId = :id", Long.class)
        .setParameter("id", eventId)
        .getSingleResult();
  }

  private Object publishedAt(UUID eventId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                em.createQuery("select e.publishedAt from OutboxEvent e where e.eventId = :id")
                    .setParameter("id", eventId)
                    .getSingleResult());
  }
}
