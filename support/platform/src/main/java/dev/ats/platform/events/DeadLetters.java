package dev.ats.platform.events;

import jakarta.enterprise.context.ApplicationScoped;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes poison records to the service's dead-letter topic ({@code
 * ats.events.dead-letter-topic}, e.g. {@code roles.dead-letter}): the original key, value and
 * headers, plus {@code dlq-reason}, {@code dlq-original-topic}, {@code dlq-original-partition} and
 * {@code dlq-original-offset}. Returns only once the broker acknowledged the record, so the
 * original is acknowledged only after its dead letter is safe.
 */
@ApplicationScoped
public class DeadLetters {

  public static final String REASON = "dlq-reason";
  public static final String ORIGINAL_TOPIC = "dlq-original-topic";
  public static final String ORIGINAL_PARTITION = "dlq-original-partition";
  public static final String ORIGINAL_OFFSET = "dlq-original-offset";

  private final ReliableProducer kafka;
  private final String topic;

  public DeadLetters(
      ReliableProducer kafka, @ConfigProperty(name = "ats.events.dead-letter-topic") String topic) {
    this.kafka = kafka;
    this.topic = topic;
  }

  /** The topic poison records of this service go to. */
  public String topic() {
    return topic;
  }

  public void publish(ConsumerRecord<String, String> original, String reason) {
    ProducerRecord<String, String> record =
        new ProducerRecord<>(topic, original.key(), original.value());
    for (Header header : original.headers()) {
      record.headers().add(header.key(), header.value());
    }
    add(record, REASON, reason);
    add(record, ORIGINAL_TOPIC, original.topic());
    add(record, ORIGINAL_PARTITION, String.valueOf(original.partition()));
    add(record, ORIGINAL_OFFSET, String.valueOf(original.offset()));
    kafka.sendAndAwait(record, Duration.ofSeconds(30));
  }

  private static void add(ProducerRecord<String, String> record, String name, String value) {
    record.headers().add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }
}
