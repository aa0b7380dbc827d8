package dev.ats.platform;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.infra.test.TestKafka;
import dev.ats.platform.events.EventConsumer;
import dev.ats.platform.events.EventTypes;
import dev.ats.platform.outbox.Outbox;
import dev.ats.platform.outbox.OutboxRelay;
import dev.ats.platform.tracing.TraceContext;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/**
 * One trace across the outbox and Kafka: the row keeps the writer's traceparent, the relay sends it
 * as the record's header, and a consumer continues that trace (so the events its handler writes
 * carry it on).
 */
@QuarkusTest
@TestProfile(TracingTest.Traced.class)
class TracingTest {

  private static final String TOPIC = "platform.test.traced";
  private static final Duration WAIT = Duration.ofSeconds(60);

  public static class Traced implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.otel.sdk.disabled", "false",
          // The shipped sampler (parent-based ratio, fixed at build), keeping every new trace.
          "quarkus.otel.traces.sampler.arg", "1.0",
          // Nothing listens there: spans are dropped; the test reads trace ids where they travel.
          "quarkus.otel.exporter.otlp.endpoint", "http://127.0.0.1:9",
          "quarkus.log.category.\"io.opentelemetry\".level", "OFF");
    }
  }

  @Inject Outbox outbox;
  @Inject OutboxRelay relay;
  @Inject EventConsumer events;
  @Inject EntityManager em;
  @Inject Tracer tracer;

  @Test
  void shouldCarryTheWritersTraceFromTheOutboxRowToTheRecordToTheConsumer() {
    String subject = UUID.randomUUID().toString();
    Span request = tracer.spanBuilder("request").startSpan();
    String traceId = request.getSpanContext().getTraceId();
    try (Scope scope = request.makeCurrent()) {
      QuarkusTransaction.requiringNew()
          .run(() -> outbox.add(TOPIC, EventTypes.ROLE_CREATED, subject, Map.of("n", 1)));
    } finally {
      request.end();
    }

    String stored =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    (String)
                        em.createNativeQuery(
                                "select traceparent from outbox_event where subject = :subject")
                            .setParameter("subject", subject)
                            .getSingleResult());
    assertThat(stored).startsWith("00-" + traceId + "-");

    while (relay.publishBatch() > 0) {
      // drain
    }
    ConsumerRecord<String, String> record =
        TestKafka.awaitRecords(TOPIC, r -> subject.equals(r.key()), 1, WAIT).get(0);
    assertThat(TestKafka.header(record, TraceContext.HEADER)).isEqualTo(stored);

    AtomicReference<String> seenByHandler = new AtomicReference<>();
    AtomicReference<String> writtenByHandler = new AtomicReference<>();
    String next = UUID.randomUUID().toString();
    events.consume(
        record,
        "tracing-test",
        event -> Optional.of(event.id()),
        id -> {
          seenByHandler.set(Span.current().getSpanContext().getTraceId());
          outbox.add(TOPIC, EventTypes.ROLE_UPDATED, next, Map.of());
          writtenByHandler.set(TraceContext.current());
        });

    assertThat(seenByHandler.get()).isEqualTo(traceId);
    assertThat(writtenByHandler.get()).startsWith("00-" + traceId + "-").isNotEqualTo(stored);
  }

  @Test
  void shouldGiveEachRecordOfABatchItsOwnSpanInTheTraceOfItsWriter() {
    Map<String, String> writersTrace = new HashMap<>();
    List<ConsumerRecord<String, String>> batch = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      String eventId = UUID.randomUUID().toString();
      String traceId = UUID.randomUUID().toString().replace("-", "");
      String spanId = UUID.randomUUID().toString().replace("-", "").substring(0, 16);
      ConsumerRecord<String, String> record =
          new ConsumerRecord<>(EventTypes.ROLES_TOPIC, 0, i, eventId, "{}");
      Map.of(
              "ce_id",
              eventId,
              "ce_type",
              EventTypes.ROLE_CREATED,
              "ce_source",
              "/ats/tracing-test",
              TraceContext.HEADER,
              "00-" + traceId + "-" + spanId + "-01")
          .forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
      batch.add(record);
      writersTrace.put(eventId, traceId);
    }
    Map<String, String> seenByHandler = new HashMap<>();

    events.consumeBatch(
        batch,
        "tracing-test-" + UUID.randomUUID(),
        event -> Optional.of(event.id()),
        id -> seenByHandler.put(id, Span.current().getSpanContext().getTraceId()));

    assertThat(seenByHandler).isEqualTo(writersTrace);
  }

  @Test
  void shouldStoreNoTraceparentWhenNothingIsTraced() {
    String subject = UUID.randomUUID().toString();
    QuarkusTransaction.requiringNew()
        .run(() -> outbox.add(TOPIC, EventTypes.ROLE_CREATED, subject, Map.of()));
    Object stored =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    em.createNativeQuery(
                            "select traceparent from outbox_event where subject = :subject")
                        .setParameter("subject", subject)
                        .getSingleResult());
    assertThat(stored).isNull();
  }
}
