package dev.ats.platform.events;

import io.quarkus.runtime.ShutdownEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.time.Duration;
import java.util.Properties;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * The service's one Kafka producer for records that must not be lost or reordered: idempotent,
 * {@code acks=all}, bounded waits when the broker is away. Created on first use, closed on
 * shutdown. The outbox relay and the dead-letter publisher use it.
 */
@ApplicationScoped
public class ReliableProducer {

  private final String bootstrapServers;
  private final String clientId;
  private volatile KafkaProducer<String, String> producer;

  public ReliableProducer(
      @ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
      @ConfigProperty(name = "quarkus.application.name", defaultValue = "ats") String clientId) {
    this.bootstrapServers = bootstrapServers;
    this.clientId = clientId;
  }

  /** Sends without waiting; the future completes when the broker acknowledged the record. */
  public Future<RecordMetadata> send(ProducerRecord<String, String> record) {
    return producer().send(record);
  }

  /** Sends and returns once the broker acknowledged the record; fails otherwise. */
  public RecordMetadata sendAndAwait(ProducerRecord<String, String> record, Duration timeout) {
    try {
      return send(record).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while publishing to " + record.topic(), e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not publish to " + record.topic(), e);
    }
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
          props.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, "5");
          // No lingering: the relay sends a whole batch and then waits for its acknowledgements, so
          // records are batched by the sender while requests are in flight anyway; waiting 5 ms
          // more for each drain only added to every event's latency (issue 16).
          props.put(ProducerConfig.LINGER_MS_CONFIG, "0");
          props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, "10000");
          props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, "10000");
          props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, "30000");
          props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId);
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
