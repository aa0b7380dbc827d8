package dev.ats.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.infra.test.PrometheusText;
import dev.ats.platform.events.EventConsumer;
import dev.ats.platform.events.EventTypes;
import dev.ats.platform.outbox.Outbox;
import dev.ats.platform.outbox.OutboxRelay;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.Test;

/** The platform's own metrics, as {@code /q/metrics} shows them (names in AtsMetrics). */
@QuarkusTest
class MetricsTest {

  private static final String TOPIC = "platform.test.metrics";
  private static final Duration WAIT = Duration.ofSeconds(60);

  @Inject Outbox outbox;
  @Inject OutboxRelay relay;
  @Inject EventConsumer events;

  @Test
  void shouldShowOutboxPendingAndOldestAgeUntilTheRelayPublishes() {
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                outbox.add(TOPIC, "dev.ats.test.Waiting", UUID.randomUUID().toString(), Map.of()));

    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              PrometheusText metrics = scrape();
              assertThat(metrics.value("ats_outbox_pending"))
                  .hasValueSatisfying(v -> assertThat(v).isGreaterThanOrEqualTo(1));
              assertThat(metrics.value("ats_outbox_oldest_age_seconds"))
                  .hasValueSatisfying(v -> assertThat(v).isPositive());
            });

    while (relay.publishBatch() > 0) {
      // drain
    }

    Awaitility.await()
        .atMost(WAIT)
        .untilAsserted(
            () -> {
              PrometheusText metrics = scrape();
              assertThat(metrics.value("ats_outbox_pending")).contains(0.0);
              assertThat(metrics.value("ats_outbox_oldest_age_seconds")).contains(0.0);
            });
  }

  @Test
  void shouldCountPublishedEventsByTopicAndType() {
    String type = "dev.ats.test.Counted" + UUID.randomUUID().toString().substring(0, 8);
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              outbox.add(TOPIC, type, UUID.randomUUID().toString(), Map.of());
              outbox.add(TOPIC, type, UUID.randomUUID().toString(), Map.of());
            });
    while (relay.publishBatch() > 0) {
      // drain
    }

    assertThat(scrape().value("ats_events_published_total", "topic", TOPIC, "type", type))
        .contains(2.0);
  }

  @Test
  void shouldCountConsumedEventsByConsumerTypeAndOutcome() {
    String consumer = "metrics-test-" + UUID.randomUUID();
    String id = UUID.randomUUID().toString();
    AtomicInteger failuresLeft = new AtomicInteger(1);
    ConsumerRecord<String, String> created = record(id, EventTypes.ROLE_CREATED);

    events.consume(
        created,
        consumer,
        event -> Optional.of(event.id()),
        eventId -> {
          if (failuresLeft.getAndDecrement() > 0) {
            throw new IllegalStateException("the database is away for a moment");
          }
        });
    events.consume(created, consumer, event -> Optional.of(event.id()), eventId -> {});
    events.consume(
        record(UUID.randomUUID().toString(), EventTypes.ROLE_UPDATED),
        consumer,
        event -> Optional.empty(),
        eventId -> {});
    events.consume(
        record(UUID.randomUUID().toString(), "dev.ats.not.in.the.contract.v1"),
        consumer,
        event -> Optional.of(event.id()),
        eventId -> {});

    PrometheusText metrics = scrape();
    String name = "ats_events_consumed_total";
    assertThat(metrics.samples(name, "consumer", consumer)).hasSize(5);
    assertThat(
            metrics.value(
                name, "consumer", consumer, "type", EventTypes.ROLE_CREATED, "outcome", "applied"))
        .contains(1.0);
    assertThat(
            metrics.value(
                name, "consumer", consumer, "type", EventTypes.ROLE_CREATED, "outcome", "retried"))
        .contains(1.0);
    assertThat(
            metrics.value(
                name,
                "consumer",
                consumer,
                "type",
                EventTypes.ROLE_CREATED,
                "outcome",
                "duplicate"))
        .contains(1.0);
    assertThat(
            metrics.value(
                name, "consumer", consumer, "type", EventTypes.ROLE_UPDATED, "outcome", "ignored"))
        .contains(1.0);
    assertThat(
            metrics.value(
                name, "consumer", consumer, "type", "unknown", "outcome", "dead_lettered"))
        .contains(1.0);
  }

  @Test
  void shouldServeJvmHttpAndDatasourceMetrics() {
    given().get("/probe/conflict").then().statusCode(409);
    PrometheusText metrics = scrape();
    assertThat(metrics.names())
        .contains("jvm_memory_used_bytes", "agroal_active_count")
        .anyMatch(name -> name.startsWith("http_server_requests_seconds"));
  }

  private static ConsumerRecord<String, String> record(String id, String type) {
    ConsumerRecord<String, String> record =
        new ConsumerRecord<>(EventTypes.ROLES_TOPIC, 0, 0L, id, "{}");
    header(record, "ce_id", id);
    header(record, "ce_type", type);
    header(record, "ce_source", "/ats/metrics-test");
    return record;
  }

  private static void header(ConsumerRecord<String, String> record, String name, String value) {
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }

  static PrometheusText scrape() {
    return PrometheusText.parse(
        given().when().get("/q/metrics").then().statusCode(200).extract().asString());
  }
}
