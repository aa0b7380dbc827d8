package dev.ats.bench;

import dev.ats.infra.PostgresServer;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Goal 4: a burst of submitted events (as a bulk action would cause) written to {@code
 * applications.events} at once; from the first event to the last mail notifications-service hands
 * to the local SMTP sink (its rows' {@code sent_at}), bounded by {@code bench.mail-timeout}
 * seconds: a slower sender is measured on what it sent by then.
 */
final class MailBench {

  private final Bench bench;

  MailBench(Bench bench) {
    this.bench = bench;
  }

  void run() throws Exception {
    int count = Integer.getInteger("bench.mail", 2000);
    int timeout = Integer.getInteger("bench.mail-timeout", 120);
    UUID[] applications = new UUID[count];
    Properties props = new Properties();
    props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, "127.0.0.1:" + bench.ports.kafka());
    props.put(ProducerConfig.KEY_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.VALUE_SERIALIZER_CLASS_CONFIG, StringSerializer.class.getName());
    props.put(ProducerConfig.ACKS_CONFIG, "all");
    props.put(ProducerConfig.LINGER_MS_CONFIG, "5");
    awaitNoBacklog(timeout);
    Bench.say("mail: " + count + " submitted events at once, then until the last mail is sent");
    Instant first;
    String run = UUID.randomUUID().toString().substring(0, 8);
    try (KafkaProducer<String, String> producer = new KafkaProducer<>(props)) {
      first = Instant.now();
      for (int i = 0; i < count; i++) {
        UUID id = UUID.randomUUID();
        applications[i] = id;
        String now = Instant.now().truncatedTo(ChronoUnit.MICROS).toString();
        String body =
            "{\"applicationId\":\""
                + id
                + "\",\"roleId\":\""
                + bench.roleId
                + "\",\"roleTitle\":\"Benchmark Engineer - Intern\",\"candidateId\":\""
                + UUID.randomUUID()
                + "\",\"candidate\":{\"email\":\"bench-mail-"
                + run
                + "-"
                + i
                + "@example.com\",\"firstName\":\"Bench\",\"lastName\":\"Mail\"},"
                + "\"stage\":\"SUBMITTED\",\"eligibility\":{\"outcome\":\"ELIGIBLE\",\"rules\":[]},"
                + "\"source\":\"bench\",\"submittedAt\":\""
                + now
                + "\",\"version\":1}";
        ProducerRecord<String, String> record =
            new ProducerRecord<>(EventLatencyBench.TOPIC, id.toString(), body);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", UUID.randomUUID().toString());
        header(record, "ce_type", EventLatencyBench.SUBMITTED);
        header(record, "ce_source", "/ats/benchmark");
        header(record, "ce_subject", id.toString());
        header(record, "ce_time", now);
        header(record, "content-type", "application/json");
        producer.send(record);
      }
      producer.flush();
    }
    Properties db = new Properties();
    db.put("user", PostgresServer.USER);
    db.put("password", PostgresServer.PASSWORD);
    long rows = 0;
    long sent = 0;
    Instant last = null;
    try (Connection c = DriverManager.getConnection(bench.jdbc("notifications"), db)) {
      Array ids = c.createArrayOf("uuid", applications);
      long deadline = System.nanoTime() + timeout * 1_000_000_000L;
      long reported = 0;
      while (System.nanoTime() < deadline) {
        try (PreparedStatement s =
            c.prepareStatement(
                "select count(*), count(*) filter (where status = 'SENT'), max(sent_at)"
                    + " from notification where application_id = any(?)")) {
          s.setArray(1, ids);
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            rows = rs.getLong(1);
            sent = rs.getLong(2);
            last = rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant();
          }
        }
        if (rows >= count && sent == rows) {
          break;
        }
        if (System.nanoTime() - reported > 10_000_000_000L) {
          Bench.say("mail: " + rows + " rows written, " + sent + " sent");
          reported = System.nanoTime();
        }
        Http.sleep(250);
      }
    }
    double seconds = last == null ? Double.NaN : Duration.between(first, last).toNanos() / 1e9;
    double rate = sent / seconds;
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("events", count);
    raw.put("rows", rows);
    raw.put("sent", sent);
    raw.put("firstEventToLastMailSeconds", seconds);
    raw.put("messagesPerSecond", rate);
    raw.put("complete", rows >= count && sent == rows);
    bench.report.put("mail", raw);
    bench.report.row(
        4,
        "mail delivery, burst of " + count,
        String.format(Locale.ROOT, "%.1f messages/s", rate),
        String.format(
            Locale.ROOT,
            "%d of %d rows sent in %.1f s%s",
            sent,
            rows,
            seconds,
            sent == rows && rows >= count ? "" : " (timed out after " + timeout + " s)"),
        rate,
        50,
        true);
  }

  /** Earlier sections' mail still waiting would be counted against the burst: let it go first. */
  private void awaitNoBacklog(int timeout) throws Exception {
    Properties db = new Properties();
    db.put("user", PostgresServer.USER);
    db.put("password", PostgresServer.PASSWORD);
    try (Connection c = DriverManager.getConnection(bench.jdbc("notifications"), db);
        PreparedStatement s =
            c.prepareStatement(
                "select count(*) from notification where status = 'PENDING'"
                    + " and next_attempt_at <= now()")) {
      long deadline = System.nanoTime() + timeout * 1_000_000_000L;
      while (System.nanoTime() < deadline) {
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          long pending = rs.getLong(1);
          if (pending == 0) {
            return;
          }
          Bench.say("mail: waiting for " + pending + " earlier messages to go first");
        }
        Http.sleep(5000);
      }
      Bench.say("mail: earlier messages still waiting; measuring anyway");
    }
  }

  private static void header(ProducerRecord<String, String> record, String name, String value) {
    record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
  }
}
