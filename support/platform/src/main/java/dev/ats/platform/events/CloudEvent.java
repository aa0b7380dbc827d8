package dev.ats.platform.events;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.common.header.Header;

/**
 * A binary-mode CloudEvent read from a Kafka record: the attributes come from the {@code ce_*}
 * headers and {@code data} is the JSON body.
 */
public record CloudEvent(
    String id, String type, String source, String subject, Instant time, String data) {

  /**
   * Reads the CloudEvent attributes of {@code record}.
   *
   * @throws PoisonEventException if a required attribute is missing or malformed
   */
  public static CloudEvent from(ConsumerRecord<String, String> record) {
    String id = required(record, "ce_id");
    String type = required(record, "ce_type");
    String source = required(record, "ce_source");
    String subject = header(record, "ce_subject");
    String time = header(record, "ce_time");
    Instant parsedTime;
    try {
      parsedTime = time == null ? null : Instant.parse(time);
    } catch (DateTimeParseException e) {
      throw new PoisonEventException("ce_time is not an RFC 3339 timestamp: " + time);
    }
    if (record.value() == null || record.value().isBlank()) {
      throw new PoisonEventException("event " + id + " has no body");
    }
    return new CloudEvent(id, type, source, subject, parsedTime, record.value());
  }

  private static String required(ConsumerRecord<String, String> record, String name) {
    String value = header(record, name);
    if (value == null || value.isBlank()) {
      throw new PoisonEventException("missing CloudEvent header " + name);
    }
    return value;
  }

  private static String header(ConsumerRecord<String, String> record, String name) {
    Header header = record.headers().lastHeader(name);
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
