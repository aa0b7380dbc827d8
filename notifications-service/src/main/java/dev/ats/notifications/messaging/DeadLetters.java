package dev.ats.notifications.messaging;

import dev.ats.notifications.config.NotificationsConfig;
import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Publishes poison events to {@code notifications.dead-letter}: the original key, value and
 * headers, plus {@code dlq-reason}, {@code dlq-original-topic}, {@code dlq-original-partition} and
 * {@code dlq-original-offset}. Returns only once the broker acknowledged the record, so the
 * original is acknowledged only after its dead letter is safe.
 */
@ApplicationScoped
public class DeadLetters {

  public static final String REASON = "dlq-reason";

  private final String bootstrapServers;
  private final String topic;
  private volatile KafkaProducer<String, String> producer;

  public DeadLetters(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      NotificationsConfig config) {
    this.bootstrapServers = bootstrapServers;
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
    try {
      producer().send(record).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing a dead letter", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not publish a dead letter to " + topic, e);
    }
  }

  private static void add(ProducerRecord<String, String> record, String name, String value) {
    record.headers().add(name, value == null ? null : value.getBytes(StandardCharsets.UTF_8));
  }

  private KafkaProducer<String, String> producer() {
    KafkaProducer<String, String> current = producer;
    if (current == null) {
      synchronized (this) {
        current = producer;
        if (current == null) {
          Properties props = new Properties();
          props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
          props.put(ProducerConfig.ACKS_CONFIG, "all");
          props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, "true");
          props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
          props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
          props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
          props.put(ProducerConfig.CLIENT_ID_CONFIG, "notifications-dead-letters");
          current = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
          producer = current;
        }
      }
    }
    return current;
  }

  void onStop(@Observes ShutdownEvent event) {
    KafkaProducer<String, String> current = producer;
    if (current != null) {
      current.close(Duration.ofSeconds(5));
    }
  }
}
