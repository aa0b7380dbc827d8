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
    Instant lastRow = null;
    try (Connection c = DriverManager.getConnection(bench.jdbc("notifications"), db)) {
      Array ids = c.createArrayOf("uuid", applications);
      long deadline = System.nanoTime() + timeout * 1_000_000_000L;
      long reported = 0;
      while (System.nanoTime() < deadline) {
        try (PreparedStatement s =
            c.prepareStatement(
                "select count(*), count(*) filter (where status = 'SENT'), max(sent_at),"
                    + " max(created_at) from notification where application_id = any(?)")) {
          s.setArray(1, ids);
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            rows = rs.getLong(1);
            sent = rs.getLong(2);
            last = rs.getTimestamp(3) == null ? null : rs.getTimestamp(3).toInstant();
            lastRow = rs.getTimestamp(4) == null ? null : rs.getTimestamp(4).toInstant();
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
    // What paces the burst: the consumer writing the rows, or the sender sending them.
    double rowSeconds =
        lastRow == null ? Double.NaN : Duration.between(first, lastRow).toNanos() / 1e9;
    raw.put("firstEventToLastRowSeconds", rowSeconds);
    raw.put("rowsWrittenPerSecond", rows / rowSeconds);
    Bench.say(
        String.format(
            Locale.ROOT,
            "mail: %d rows written %.1f s after the first event (%.1f rows/s: the consumer's pace),"
                + " the last sent %.1f s after it",
            rows,
            rowSeconds,
            rows / rowSeconds,
            seconds));
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
    if (rows > 0 && Boolean.parseBoolean(System.getProperty("bench.mail-reference", "true"))) {
      senderAndReference(count, timeout, applications[0], raw);
    }
  }

  /**
   * The sender without the consumer, and the SMTP sink without the service, in the same run: {@code
   * count} PENDING rows written in one statement (copies of a burst message, unique recipients) and
   * drained by notifications-service (its first claim to its last send), then the same number of
   * messages sent straight to the sink by a plain Jakarta Mail client over as many connections as
   * the service's pool ({@code bench.mail-reference-connections}, 8). The second is the ceiling the
   * sink allows; the first, what the sender makes of it.
   */
  private void senderAndReference(int count, int timeout, UUID template, Map<String, Object> raw)
      throws Exception {
    Properties db = new Properties();
    db.put("user", PostgresServer.USER);
    db.put("password", PostgresServer.PASSWORD);
    String run = UUID.randomUUID().toString().substring(0, 8);
    String prefix = "bench-backlog-" + run + "-";
    String subject;
    String text;
    String html;
    try (Connection c = DriverManager.getConnection(bench.jdbc("notifications"), db)) {
      try (PreparedStatement s =
          c.prepareStatement(
              "select subject, body_text, body_html from notification where application_id = ?")) {
        s.setObject(1, template);
        try (ResultSet rs = s.executeQuery()) {
          rs.next();
          subject = rs.getString(1);
          text = rs.getString(2);
          html = rs.getString(3);
        }
      }
      Bench.say(
          "mail: "
              + count
              + " PENDING rows written at once (no consumer), drained by the sender alone");
      try (PreparedStatement s =
          c.prepareStatement(
              "insert into notification (id, event_id, event_type, type, recipient, subject,"
                  + " body_text, body_html, status, attempts, next_attempt_at, created_at)"
                  + " select gen_random_uuid(), ? || g, 'bench', 'APPLICATION_RECEIVED',"
                  + " ? || g || '@example.com', ?, ?, ?, 'PENDING', 0, now(), now()"
                  + " from generate_series(1, ?) g")) {
        s.setString(1, prefix);
        s.setString(2, prefix);
        s.setString(3, subject);
        s.setString(4, text);
        s.setString(5, html);
        s.setInt(6, count);
        s.executeUpdate();
      }
      long deadline = System.nanoTime() + timeout * 1_000_000_000L;
      long sent = 0;
      double seconds = Double.NaN;
      try (PreparedStatement s =
          c.prepareStatement(
              "select count(*) filter (where n.status = 'SENT'),"
                  + " extract(epoch from max(n.sent_at) - (select min(a.attempted_at)"
                  + " from delivery_attempt a join notification m on m.id = a.notification_id"
                  + " where m.event_id like ? || '%'))"
                  + " from notification n where n.event_id like ? || '%'")) {
        s.setString(1, prefix);
        s.setString(2, prefix);
        while (System.nanoTime() < deadline) {
          try (ResultSet rs = s.executeQuery()) {
            rs.next();
            sent = rs.getLong(1);
            seconds = rs.getDouble(2);
          }
          if (sent >= count) {
            break;
          }
          Http.sleep(250);
        }
      }
      raw.put("senderAloneSent", sent);
      raw.put("senderAloneSeconds", seconds);
      raw.put("senderAloneMessagesPerSecond", sent / seconds);
      Bench.say(
          String.format(
              Locale.ROOT,
              "mail: the sender alone sent %d of %d in %.1f s from its first claim: %.1f msg/s",
              sent,
              count,
              seconds,
              sent / seconds));
    }
    int connections = Integer.getInteger("bench.mail-reference-connections", 8);
    Bench.say(
        "mail: reference, "
            + count
            + " messages straight to the SMTP sink (Jakarta Mail, "
            + connections
            + " connections)");
    double reference = reference(count, connections, run, subject, text, html);
    raw.put("referenceConnections", connections);
    raw.put("referenceMessagesPerSecond", reference);
    double alone = (Double) raw.get("senderAloneMessagesPerSecond");
    raw.put("senderAloneToReference", alone / reference);
    Bench.say(
        String.format(
            Locale.ROOT,
            "mail: reference %.1f msg/s; the sender alone is %.2f of it",
            reference,
            alone / reference));
  }

  /** Messages per second a plain client gets from the sink, first connect to last accepted. */
  private double reference(
      int count, int connections, String run, String subject, String text, String html)
      throws Exception {
    Properties props = new Properties();
    props.put("mail.smtp.host", "127.0.0.1");
    props.put("mail.smtp.port", String.valueOf(bench.ports.smtp()));
    jakarta.mail.Session session = jakarta.mail.Session.getInstance(props);
    java.util.concurrent.atomic.AtomicInteger next =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.atomic.AtomicInteger failed =
        new java.util.concurrent.atomic.AtomicInteger();
    java.util.concurrent.ExecutorService pool =
        java.util.concurrent.Executors.newFixedThreadPool(connections);
    long start = System.nanoTime();
    java.util.List<java.util.concurrent.Future<?>> senders = new java.util.ArrayList<>();
    for (int t = 0; t < connections; t++) {
      senders.add(
          pool.submit(
              () -> {
                try (jakarta.mail.Transport transport = session.getTransport("smtp")) {
                  transport.connect();
                  int i;
                  while ((i = next.getAndIncrement()) < count) {
                    jakarta.mail.internet.MimeMessage m =
                        new jakarta.mail.internet.MimeMessage(session);
                    m.setFrom("ATS Hiring Team <no-reply@ats.local>");
                    m.setRecipients(
                        jakarta.mail.Message.RecipientType.TO,
                        "bench-reference-" + run + "-" + i + "@example.com");
                    m.setSubject(subject);
                    jakarta.mail.internet.MimeMultipart body =
                        new jakarta.mail.internet.MimeMultipart("alternative");
                    jakarta.mail.internet.MimeBodyPart plain =
                        new jakarta.mail.internet.MimeBodyPart();
                    plain.setText(text, "UTF-8");
                    jakarta.mail.internet.MimeBodyPart rich =
                        new jakarta.mail.internet.MimeBodyPart();
                    rich.setContent(html, "text/html; charset=UTF-8");
                    body.addBodyPart(plain);
                    body.addBodyPart(rich);
                    m.setContent(body);
                    try {
                      transport.sendMessage(m, m.getAllRecipients());
                    } catch (jakarta.mail.MessagingException e) {
                      failed.incrementAndGet();
                    }
                  }
                }
                return null;
              }));
    }
    for (java.util.concurrent.Future<?> f : senders) {
      f.get();
    }
    double seconds = (System.nanoTime() - start) / 1e9;
    pool.shutdown();
    if (failed.get() > 0) {
      Bench.say("mail: the reference client saw " + failed.get() + " failed sends");
    }
    return (count - failed.get()) / seconds;
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
