package dev.ats.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.infra.test.TestKafka;
import dev.ats.platform.events.DeadLetters;
import dev.ats.platform.events.EventConsumer;
import dev.ats.platform.events.EventConsumer.Outcome;
import dev.ats.platform.events.EventHandler;
import dev.ats.platform.events.EventTypes;
import dev.ats.platform.events.PoisonEventException;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import jakarta.transaction.TransactionSynchronizationRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * {@link EventConsumer#consumeBatch}: a poll's first deliveries in one transaction, and each
 * record's outcome the same as {@link EventConsumer#consume} would give it — a poison record
 * dead-lettered alone, a redelivery changing nothing, a transient failure retried in place.
 */
@QuarkusTest
class BatchConsumptionTest {

  private static final String DEAD_LETTERS = "platform.test.dead-letter";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Inject EventConsumer events;
  @Inject EntityManager em;
  @Inject TransactionSynchronizationRegistry transactions;

  private final AtomicInteger offsets = new AtomicInteger();

  @Test
  void shouldApplyTheFirstDeliveriesOfABatchInOneTransactionInOrder() {
    String consumer = "batch-test-" + UUID.randomUUID();
    List<ConsumerRecord<String, String>> batch =
        List.of(record("a"), record("b"), record("c"), record("d"));
    List<Object> transactionKeys = new ArrayList<>();
    List<String> applied = new ArrayList<>();

    List<Outcome> outcomes =
        consume(
            batch,
            consumer,
            id -> {
              transactionKeys.add(transactions.getTransactionKey());
              applied.add(insertProbe(id));
            });

    assertThat(outcomes).containsOnly(Outcome.APPLIED).hasSize(4);
    assertThat(applied).containsExactly("a", "b", "c", "d");
    assertThat(Set.copyOf(transactionKeys)).hasSize(1);
    assertThat(probes(batch)).containsExactlyInAnyOrder("a", "b", "c", "d");
  }

  @Test
  void shouldDeadLetterAPoisonRecordInTheMiddleAloneAndApplyTheOthersOnce() {
    String consumer = "batch-test-" + UUID.randomUUID();
    ConsumerRecord<String, String> poison = record("poison");
    ConsumerRecord<String, String> outsideTheContract =
        record("outside", "dev.ats.not.in.the.contract.v1");
    List<ConsumerRecord<String, String>> batch =
        List.of(record("a"), record("b"), poison, outsideTheContract, record("e"));
    Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    List<Outcome> outcomes =
        consume(
            batch,
            consumer,
            probing(
                attempts,
                "poison",
                Integer.MAX_VALUE,
                () -> new PoisonEventException("the poison can never apply")));

    assertThat(outcomes)
        .containsExactly(
            Outcome.APPLIED,
            Outcome.APPLIED,
            Outcome.DEAD_LETTERED,
            Outcome.DEAD_LETTERED,
            Outcome.APPLIED);
    // Applied once each (the batch's transaction rolled back), the poison's change rolled back.
    assertThat(probes(batch)).containsExactlyInAnyOrder("a", "b", "e");
    assertThat(inbox(consumer)).isEqualTo(3);
    // Tried together once, then one by one: the poison once more, alone, and no further.
    assertThat(attempts.get("a")).hasValue(2);
    assertThat(attempts.get("poison")).hasValue(2);
    List<ConsumerRecord<String, String>> deadLetters =
        TestKafka.awaitRecords(
            DEAD_LETTERS,
            r ->
                TestKafka.header(r, "ce_id") != null
                    && (TestKafka.header(r, "ce_id").equals(id(poison))
                        || TestKafka.header(r, "ce_id").equals(id(outsideTheContract))),
            2,
            WAIT);
    assertThat(deadLetters)
        .extracting(r -> TestKafka.header(r, DeadLetters.ORIGINAL_OFFSET))
        .containsExactlyInAnyOrder(
            String.valueOf(poison.offset()), String.valueOf(outsideTheContract.offset()));
    assertThat(
            deadLetters.stream()
                .filter(r -> TestKafka.header(r, "ce_id").equals(id(poison)))
                .map(r -> TestKafka.header(r, DeadLetters.REASON)))
        .singleElement()
        .asString()
        .contains("can never apply");
  }

  @Test
  void shouldChangeNothingWhenABatchIsRedelivered() {
    String consumer = "batch-test-" + UUID.randomUUID();
    List<ConsumerRecord<String, String>> batch = List.of(record("a"), record("b"), record("c"));
    Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    consume(batch, consumer, probing(attempts, "none", 0, null));
    List<Outcome> again = consume(batch, consumer, probing(attempts, "none", 0, null));

    assertThat(again).containsOnly(Outcome.DUPLICATE).hasSize(3);
    assertThat(attempts.values()).allSatisfy(count -> assertThat(count).hasValue(1));
    assertThat(probes(batch)).containsExactlyInAnyOrder("a", "b", "c");
  }

  @Test
  void shouldApplyARecordTheBatchAlreadyHoldsOnlyOnce() {
    String consumer = "batch-test-" + UUID.randomUUID();
    ConsumerRecord<String, String> a = record("a");
    ConsumerRecord<String, String> redelivered = copy(a);

    List<Outcome> outcomes =
        consume(List.of(a, record("b"), redelivered), consumer, this::insertProbe);

    assertThat(outcomes).containsExactly(Outcome.APPLIED, Outcome.APPLIED, Outcome.DUPLICATE);
  }

  @Test
  void shouldRetryATransientFailureInPlaceAndApplyEveryRecordOnce() {
    String consumer = "batch-test-" + UUID.randomUUID();
    List<ConsumerRecord<String, String>> batch = List.of(record("a"), record("b"), record("c"));
    Map<String, AtomicInteger> attempts = new ConcurrentHashMap<>();

    List<Outcome> outcomes =
        consume(
            batch,
            consumer,
            probing(
                attempts,
                "b",
                3,
                () -> new IllegalStateException("the database is away for a moment")));

    assertThat(outcomes).containsOnly(Outcome.APPLIED).hasSize(3);
    assertThat(probes(batch)).containsExactlyInAnyOrder("a", "b", "c");
    // b: once in the batch, then alone until it applied (two more failures, one success).
    assertThat(attempts.get("b")).hasValue(4);
    assertThat(
            MetricsTest.scrape()
                .value(
                    "ats_events_consumed_total",
                    "consumer",
                    consumer,
                    "type",
                    EventTypes.ROLE_CREATED,
                    "outcome",
                    "retried"))
        .contains(2.0);
  }

  @Test
  void shouldIgnoreTypesTheReaderDoesNotTakeWithoutAnInboxRecord() {
    String consumer = "batch-test-" + UUID.randomUUID();
    ConsumerRecord<String, String> ignored = record("ignored", EventTypes.ROLE_UPDATED);

    List<Outcome> outcomes =
        events.consumeBatch(
            List.of(record("a"), ignored, record("c")),
            consumer,
            event ->
                EventTypes.ROLE_UPDATED.equals(event.type())
                    ? Optional.empty()
                    : Optional.of(event.id()),
            this::insertProbe);

    assertThat(outcomes).containsExactly(Outcome.APPLIED, Outcome.IGNORED, Outcome.APPLIED);
    assertThat(inbox(consumer)).isEqualTo(2);
  }

  private List<Outcome> consume(
      List<ConsumerRecord<String, String>> batch, String consumer, EventHandler<String> handler) {
    return events.consumeBatch(batch, consumer, event -> Optional.of(event.id()), handler);
  }

  /**
   * A handler that counts each event's attempts by name and writes its probe row; the event named
   * {@code failing} then fails (after the write, which must roll back) its first {@code failures}
   * attempts with {@code failure}.
   */
  private EventHandler<String> probing(
      Map<String, AtomicInteger> attempts,
      String failing,
      int failures,
      Supplier<RuntimeException> failure) {
    AtomicInteger failuresLeft = new AtomicInteger(failures);
    return id -> {
      attempts.computeIfAbsent(name(id), n -> new AtomicInteger()).incrementAndGet();
      insertProbe(id);
      if (name(id).equals(failing) && failuresLeft.getAndDecrement() > 0) {
        throw failure.get();
      }
    };
  }

  // --- records: "<name>:<uuid>" ids, so a handler knows which record it applies
  // -------------------

  private ConsumerRecord<String, String> record(String name) {
    return record(name, EventTypes.ROLE_CREATED);
  }

  private ConsumerRecord<String, String> record(String name, String type) {
    String id = name + ":" + UUID.randomUUID();
    ConsumerRecord<String, String> record =
        new ConsumerRecord<>(
            EventTypes.ROLES_TOPIC,
            0,
            offsets.incrementAndGet(),
            UUID.randomUUID().toString(),
            "{}");
    header(record, "ce_specversion", "1.0");
    header(record, "ce_id", id);
    header(record, "ce_type", type);
    header(record, "ce_source", "/ats/batch-test");
    header(record, "ce_time", Instant.now().toString());
    return record;
  }

  private static ConsumerRecord<String, String> copy(ConsumerRecord<String, String> original) {
    ConsumerRecord<String, String> copy =
        new ConsumerRecord<>(
            original.topic(),
            original.partition(),
            original.offset() + 1000,
            original.key(),
            original.value());
    original.headers().forEach(h -> copy.headers().add(h.key(), h.value()));
    return copy;
  }

  private static void header(ConsumerRecord<String, String> record, String name, String value) {
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  private static String id(ConsumerRecord<String, String> record) {
    return TestKafka.header(record, "ce_id");
  }

  private static String name(String id) {
    return id.substring(0, id.indexOf(':'));
  }

  /** Writes the probe row of event {@code id} (its name), in the handler's transaction. */
  private String insertProbe(String id) {
    em.createNativeQuery("insert into probe (id, name) values (:id, :name)")
        .setParameter("id", UUID.nameUUIDFromBytes(id.getBytes(StandardCharsets.UTF_8)))
        .setParameter("name", name(id))
        .executeUpdate();
    return name(id);
  }

  @SuppressWarnings("unchecked")
  private List<String> probes(List<ConsumerRecord<String, String>> batch) {
    List<UUID> ids =
        batch.stream()
            .map(r -> UUID.nameUUIDFromBytes(id(r).getBytes(StandardCharsets.UTF_8)))
            .toList();
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                (List<String>)
                    em.createNativeQuery("select name from probe where id in (:ids)")
                        .setParameter("ids", ids)
                        .getResultList());
  }

  private long inbox(String consumer) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        em.createNativeQuery(
                                "select count(*) from processed_event where consumer = :c")
                            .setParameter("c", consumer)
                            .getSingleResult())
                    .longValue());
  }
}
