package dev.ats.notifications.messaging;

import dev.ats.notifications.config.NotificationsConfig;
import dev.ats.platform.events.ReliableProducer;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;

/**
 * Publishes poison events to {@code notifications.dead-letter}: the original key, value and
 * headers, plus {@code dlq-reason}, {@code dlq-original-topic}, {@code dlq-original-partition} and
 * {@code dlq-original-offset}. Returns only once the broker acknowledged the record, so the
 * original is acknowledged only after its dead letter is safe.
 */
@ApplicationScoped
public class DeadLetters {

  public static final String REASON = "dlq-reason";

  private final ReliableProducer kafka;
  private final String topic;

  public DeadLetters(ReliableProducer kafka, NotificationsConfig config) {
    this.kafka = kafka;
    this.topic = config.deadLetterTopic();
  }

  public void publish(ConsumerRecord<String, String> original, String reason) {
    ProducerRecord<String, String> record =
        new ProducerRecord<>(topic, original.key(), original.value());
    for (Header header : original.headers()) {
      record.headers().add(header.key(), header.value());
    }
    add(record, REASON, reason);
    add(record, "dlq-original-topic", original.topic());
    add(record, "dlq-original-partition", String.valueOf(original.partition()));
    add(record, "dlq-original-offset", String.valueOf(original.offset()));
    kafka.sendAndAwait(record, Duration.ofSeconds(30));
  }

  private static void add(ProducerRecord<String, String> record, String name, String value) {
    record.headers().add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }
}
