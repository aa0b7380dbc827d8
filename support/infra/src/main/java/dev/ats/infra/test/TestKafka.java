package dev.ats.infra.test;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.ConfigProvider;

/**
 * Plain kafka-clients access to the test broker, as an independent producer or consumer would have:
 * topic names, headers and serialised bodies are exactly what goes over the wire.
 */
public final class TestKafka {

  private TestKafka() {}

  public static String bootstrapServers() {
    return ConfigProvider.getConfig().getValue("kafka.bootstrap.servers", String.class);
  }

  /** A consumer in a fresh group that reads {@code topic} from its first offset. */
  public static KafkaConsumer<String, String> consumerFromStart(String topic) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ConsumerConfig.GROUP_ID_CONFIG, "test-" + UUID.randomUUID());
    props.put(ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest");
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    KafkaConsumer<String, String> consumer =
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer());
    consumer.subscribe(List.of(topic));
    return consumer;
  }

  /**
   * Reads {@code topic} from the start until {@code count} records match, or fails after {@code
   * timeout}. Records that do not match are skipped (other tests share the topic).
   */
  public static List<ConsumerRecord<String, String>> awaitRecords(
      String topic,
      Predicate<ConsumerRecord<String, String>> matching,
      int count,
      Duration timeout) {
    List<ConsumerRecord<String, String>> found = new ArrayList<>();
    Instant deadline = Instant.now().plus(timeout);
    try (KafkaConsumer<String, String> consumer = consumerFromStart(topic)) {
      while (found.size() < count && Instant.now().isBefore(deadline)) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          if (matching.test(record)) {
            found.add(record);
          }
        }
      }
    }
    if (found.size() < count) {
      throw new AssertionError(
          "expected "
              + count
              + " matching records on "
              + topic
              + " within "
              + timeout
              + ", saw "
              + found.size());
    }
    return found;
  }

  /** Reads everything on {@code topic} that matches, waiting {@code quiet} after the last one. */
  public static List<ConsumerRecord<String, String>> readAll(
      String topic, Predicate<ConsumerRecord<String, String>> matching, Duration quiet) {
    List<ConsumerRecord<String, String>> found = new ArrayList<>();
    try (KafkaConsumer<String, String> consumer = consumerFromStart(topic)) {
      Instant until = Instant.now().plus(quiet);
      while (Instant.now().isBefore(until)) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(200))) {
          if (matching.test(record)) {
            found.add(record);
            until = Instant.now().plus(quiet);
          }
        }
      }
    }
    return found;
  }

  public static String header(ConsumerRecord<String, String> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }

  /** Publishes a binary-mode CloudEvent, as another service's outbox relay would. */
  public static void sendCloudEvent(
      String topic, String key, String id, String type, String source, String body) {
    sendCloudEvent(topic, key, id, type, source, key, body);
  }

  public static void sendCloudEvent(
      String topic,
      String key,
      String id,
      String type,
      String source,
      String subject,
      String body) {
    ProducerRecord<String, String> record = new ProducerRecord<>(topic, key, body);
    Map<String, String> headers =
        Map.of(
            "ce_specversion", "1.0",
            "ce_id", id,
            "ce_type", type,
            "ce_source", source,
            "ce_subject", subject,
            "ce_time", Instant.now().toString(),
            "content-type", "application/json");
    headers.forEach((k, v) -> record.headers().add(k, v.getBytes(StandardCharsets.UTF_8)));
    send(record);
  }

  /** Publishes a raw record (for poison-message tests). */
  public static void send(ProducerRecord<String, String> record) {
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    try (KafkaProducer<String, String> producer =
        new KafkaProducer<>(props, new StringSerializer(), new StringSerializer())) {
      producer.send(record).get(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException("could not publish to " + record.topic(), e);
    }
  }
}
