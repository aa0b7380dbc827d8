package dev.ats.bench;

import dev.ats.infra.PostgresServer;
import dev.ats.infra.system.AtsService;
import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.sql.Array;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsResult.ListOffsetsResultInfo;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * Goal 1: at 50 submissions/s (direct to applications-service), 201 → its submitted record on
 * {@code applications.events} (seen by a consumer here) and 201 → its notification row, against
 * Kafka's own {@code EndToEndLatency} tool on the same broker; rounds interleaved. Each round
 * starts only once notifications-service has consumed everything before it (consumer-group lag 0),
 * and says how long that took.
 */
final class EventLatencyBench {

  static final String TOPIC = "applications.events";
  static final String SUBMITTED = "dev.ats.application.submitted.v1";
  static final String NOTIFICATIONS_GROUP = "notifications-service";
  static final List<String> NOTIFICATIONS_TOPICS = List.of(TOPIC, "roles.events");
  private static final Pattern PERCENTILES =
      Pattern.compile("50th = ([0-9.]+), 99th = ([0-9.]+), 99\\.9th = ([0-9.]+)");

  private final Bench bench;

  EventLatencyBench(Bench bench) {
    this.bench = bench;
  }

  void run() throws Exception {
    double rate = Double.parseDouble(System.getProperty("bench.latency-rate", "50"));
    double seconds = Double.parseDouble(System.getProperty("bench.latency-seconds", "15"));
    createTopic("bench.end-to-end");
    List<Double> kafkaP99 = new ArrayList<>();
    List<Double> kafkaP50 = new ArrayList<>();
    List<Double> topicP50 = new ArrayList<>();
    List<Double> topicP99 = new ArrayList<>();
    List<Double> rowP50 = new ArrayList<>();
    List<Double> rowP99 = new ArrayList<>();
    int rounds = Math.max(2, bench.rounds - 1);
    List<Long> lagAtStart = new ArrayList<>();
    List<Double> caughtUpAfter = new ArrayList<>();
    List<Double> drainRates = new ArrayList<>();
    for (int round = 1; round <= rounds; round++) {
      // The submit section (or the previous round) may have left notifications-service behind:
      // a round that starts on a backlog measures the backlog, not the path.
      double[] catchUp = awaitNotificationsCaughtUp(round);
      lagAtStart.add((long) catchUp[0]);
      caughtUpAfter.add(catchUp[1]);
      if (catchUp[0] > 0 && catchUp[1] > 0) {
        drainRates.add(catchUp[0] / catchUp[1]);
      }
      double[] kafka = endToEndLatency();
      kafkaP50.add(kafka[0]);
      kafkaP99.add(kafka[1]);
      Bench.say(
          String.format(
              Locale.ROOT,
              "round %d Kafka EndToEndLatency p50 %.2f ms p99 %.2f ms",
              round,
              kafka[0],
              kafka[1]));
      double[] ours = submissions(rate, seconds);
      topicP50.add(ours[0]);
      topicP99.add(ours[1]);
      rowP50.add(ours[2]);
      rowP99.add(ours[3]);
      Bench.say(
          String.format(
              Locale.ROOT,
              "round %d at %.0f/s: 201 -> topic p50 %.1f ms p99 %.1f ms; 201 -> notification row"
                  + " p50 %.1f ms p99 %.1f ms",
              round,
              rate,
              ours[0],
              ours[1],
              ours[2],
              ours[3]));
    }
    double k99 = Stats.median(kafkaP99);
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("kafkaEndToEndP50Millis", Stats.median(kafkaP50));
    raw.put("kafkaEndToEndP99Millis", k99);
    raw.put("topicP50Millis", Stats.median(topicP50));
    raw.put("topicP99Millis", Stats.median(topicP99));
    raw.put("notificationRowP50Millis", Stats.median(rowP50));
    raw.put("notificationRowP99Millis", Stats.median(rowP99));
    raw.put("notificationsLagAtRoundStart", lagAtStart);
    raw.put("notificationsCatchUpSeconds", caughtUpAfter);
    raw.put(
        "notificationsDrainRecordsPerSecond",
        drainRates.isEmpty() ? null : Stats.median(drainRates));
    bench.report.put("eventLatency", raw);
    bench.report.row(
        1,
        String.format(Locale.ROOT, "201 → record on %s at %.0f/s, p99 / Kafka's p99", TOPIC, rate),
        String.format(
            Locale.ROOT,
            "p50 %.1f ms, p99 %.1f ms",
            Stats.median(topicP50),
            Stats.median(topicP99)),
        String.format(
            Locale.ROOT, "EndToEndLatency p50 %.1f ms, p99 %.1f ms", Stats.median(kafkaP50), k99),
        Stats.median(topicP99) / k99,
        3,
        false);
    bench.report.row(
        1,
        "201 → notification row, p99 / Kafka's p99",
        String.format(
            Locale.ROOT, "p50 %.1f ms, p99 %.1f ms", Stats.median(rowP50), Stats.median(rowP99)),
        String.format(Locale.ROOT, "EndToEndLatency p99 %.1f ms", k99),
        Stats.median(rowP99) / k99,
        5,
        false);
  }

  /**
   * Waits until notifications-service's consumer group has committed the end of every partition of
   * the topics it reads (lag 0, from {@code Admin.listConsumerGroupOffsets} against the end
   * offsets), at most {@code bench.lag-timeout-seconds} (600). Offsets are committed every few
   * seconds (the connector's throttled commits), so "caught up" is seen up to ~5 s late and the
   * drain rate is a lower bound.
   *
   * @return {records behind at the start, seconds waited}
   */
  private double[] awaitNotificationsCaughtUp(int round) throws Exception {
    long timeoutNanos = Long.getLong("bench.lag-timeout-seconds", 600) * 1_000_000_000L;
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
      long start = System.nanoTime();
      long first = lag(admin);
      long lag = first;
      while (lag > 0 && System.nanoTime() - start < timeoutNanos) {
        Http.sleep(250);
        lag = lag(admin);
      }
      double waited = (System.nanoTime() - start) / 1e9;
      Bench.say(
          String.format(
              Locale.ROOT,
              "round %d: notifications-service was %d records behind; %s after %.1f s%s",
              round,
              first,
              lag == 0 ? "caught up" : "STILL " + lag + " behind",
              waited,
              first > 0 && waited > 0
                  ? String.format(Locale.ROOT, " (>= %.0f records/s)", first / waited)
                  : ""));
      return new double[] {first, waited};
    }
  }

  /** Records on notifications-service's topics that its group has not committed yet. */
  private static long lag(Admin admin) throws Exception {
    Map<TopicPartition, OffsetAndMetadata> committed =
        admin.listConsumerGroupOffsets(NOTIFICATIONS_GROUP).partitionsToOffsetAndMetadata().get();
    Map<TopicPartition, OffsetSpec> ends = new HashMap<>();
    admin
        .describeTopics(NOTIFICATIONS_TOPICS)
        .allTopicNames()
        .get()
        .forEach(
            (topic, description) ->
                description
                    .partitions()
                    .forEach(
                        p ->
                            ends.put(
                                new TopicPartition(topic, p.partition()), OffsetSpec.latest())));
    long lag = 0;
    for (Map.Entry<TopicPartition, ListOffsetsResultInfo> end :
        admin.listOffsets(ends).all().get().entrySet()) {
      OffsetAndMetadata done = committed.get(end.getKey());
      lag += Math.max(0, end.getValue().offset() - (done == null ? 0 : done.offset()));
    }
    return lag;
  }

  private void createTopic(String topic) throws Exception {
    try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap()))) {
      if (!admin.listTopics().names().get().contains(topic)) {
        admin.createTopics(List.of(new NewTopic(topic, 1, (short) 1))).all().get();
      }
    }
  }

  private String bootstrap() {
    return "127.0.0.1:" + bench.ports.kafka();
  }

  /** Kafka's tool as its own JVM: {p50, p99} in ms. */
  private double[] endToEndLatency() throws Exception {
    int messages = Integer.getInteger("bench.e2e-messages", 1000);
    Process p =
        new ProcessBuilder(
                dev.ats.infra.system.SystemProcesses.javaExecutable(),
                "-Xmx256m",
                "-XX:+UseSerialGC",
                "-cp",
                System.getProperty("java.class.path"),
                "org.apache.kafka.tools.EndToEndLatency",
                bootstrap(),
                "bench.end-to-end",
                String.valueOf(messages),
                "1",
                "500")
            .redirectErrorStream(true)
            .start();
    String out = Bench.output(p, 120);
    Matcher m = PERCENTILES.matcher(out);
    if (!m.find()) {
      throw new IllegalStateException("EndToEndLatency said:\n" + out);
    }
    return new double[] {Double.parseDouble(m.group(1)), Double.parseDouble(m.group(2))};
  }

  /**
   * Submits at {@code rate} for {@code seconds}; returns {topic p50, topic p99, row p50, row p99}
   * in ms.
   */
  private double[] submissions(double rate, double seconds) throws Exception {
    Map<String, Long> answeredNanos = new ConcurrentHashMap<>();
    Map<String, Instant> answeredAt = new ConcurrentHashMap<>();
    Map<String, Long> seenNanos = new ConcurrentHashMap<>();
    AtomicBoolean consuming = new AtomicBoolean(true);
    AtomicBoolean assigned = new AtomicBoolean(false);
    Thread consumer =
        new Thread(
            () -> consume(seenNanos, consuming, assigned), "bench-applications-events-consumer");
    consumer.start();
    while (!assigned.get()) {
      Http.sleep(10);
    }
    String url =
        "http://127.0.0.1:" + bench.ports.of(AtsService.APPLICATIONS) + "/api/v1/applications";
    int total = (int) (rate * seconds);
    AtomicInteger failed = new AtomicInteger();
    AtomicInteger done = new AtomicInteger();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    AtomicInteger next = new AtomicInteger();
    String run = UUID.randomUUID().toString().substring(0, 8);
    timer.scheduleAtFixedRate(
        () -> {
          int i = next.getAndIncrement();
          if (i >= total) {
            return;
          }
          HttpRequest request =
              HttpRequest.newBuilder(URI.create(url))
                  .timeout(Duration.ofSeconds(30))
                  .header("Content-Type", "application/json")
                  .POST(
                      HttpRequest.BodyPublishers.ofString(
                          Bench.submission(bench.roleId, "lat-" + run + "-" + i)))
                  .build();
          bench
              .jdk
              .sendAsync(request, HttpResponse.BodyHandlers.ofString())
              .whenComplete(
                  (response, e) -> {
                    long now = System.nanoTime();
                    Instant at = Instant.now();
                    if (e == null && response.statusCode() == 201) {
                      try {
                        String id = Bench.JSON.readTree(response.body()).path("id").asText();
                        answeredNanos.put(id, now);
                        answeredAt.put(id, at);
                      } catch (Exception ex) {
                        failed.incrementAndGet();
                      }
                    } else {
                      failed.incrementAndGet();
                    }
                    done.incrementAndGet();
                  });
        },
        0,
        (long) (1e9 / rate),
        TimeUnit.NANOSECONDS);
    long deadline = System.nanoTime() + (long) ((seconds + 60) * 1e9);
    while (done.get() < total && System.nanoTime() < deadline) {
      Http.sleep(50);
    }
    timer.shutdownNow();
    // the records of the last submissions
    long wait = System.nanoTime() + 30_000_000_000L;
    while (!seenNanos.keySet().containsAll(answeredNanos.keySet()) && System.nanoTime() < wait) {
      Http.sleep(50);
    }
    consuming.set(false);
    consumer.join();
    List<Long> topic = new ArrayList<>();
    for (Map.Entry<String, Long> e : answeredNanos.entrySet()) {
      Long seen = seenNanos.get(e.getKey());
      if (seen != null) {
        topic.add(Math.max(0, seen - e.getValue()) / 1000);
      }
    }
    List<Long> rows = notificationRows(answeredAt);
    if (failed.get() > 0) {
      Bench.say(failed.get() + " submissions failed");
    }
    long[] t = topic.stream().mapToLong(Long::longValue).sorted().toArray();
    long[] n = rows.stream().mapToLong(Long::longValue).sorted().toArray();
    Bench.say(
        String.format(
            Locale.ROOT,
            "%d answered 201, %d records seen, %d notification rows",
            answeredNanos.size(),
            t.length,
            n.length));
    return new double[] {
      Stats.percentile(t, 50) / 1000,
      Stats.percentile(t, 99) / 1000,
      Stats.percentile(n, 50) / 1000,
      Stats.percentile(n, 99) / 1000
    };
  }

  private void consume(
      Map<String, Long> seenNanos, AtomicBoolean consuming, AtomicBoolean assigned) {
    Properties props = new Properties();
    props.put(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap());
    props.put(ConsumerConfig.KEY_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.VALUE_DESERIALIZER_CLASS_CONFIG, StringDeserializer.class.getName());
    props.put(ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, "false");
    props.put(ConsumerConfig.FETCH_MAX_WAIT_MS_CONFIG, "5");
    try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(props)) {
      List<TopicPartition> partitions =
          consumer.partitionsFor(TOPIC).stream()
              .map(p -> new TopicPartition(TOPIC, p.partition()))
              .toList();
      consumer.assign(partitions);
      consumer.seekToEnd(partitions);
      partitions.forEach(consumer::position);
      assigned.set(true);
      while (consuming.get()) {
        for (ConsumerRecord<String, String> record : consumer.poll(Duration.ofMillis(5))) {
          long now = System.nanoTime();
          Header type = record.headers().lastHeader("ce_type");
          if (type != null
              && SUBMITTED.equals(new String(type.value(), StandardCharsets.UTF_8))
              && record.key() != null) {
            seenNanos.putIfAbsent(record.key(), now);
          }
        }
      }
    }
  }

  /** 201 → first notification row of each application (its created_at), in µs. */
  private List<Long> notificationRows(Map<String, Instant> answeredAt) throws Exception {
    List<Long> latencies = new ArrayList<>();
    Properties props = new Properties();
    props.put("user", PostgresServer.USER);
    props.put("password", PostgresServer.PASSWORD);
    try (Connection c = DriverManager.getConnection(bench.jdbc("notifications"), props)) {
      UUID[] ids = answeredAt.keySet().stream().map(UUID::fromString).toArray(UUID[]::new);
      Array array = c.createArrayOf("uuid", ids);
      long deadline = System.nanoTime() + 60_000_000_000L;
      Map<String, Instant> created = new LinkedHashMap<>();
      while (System.nanoTime() < deadline) {
        created.clear();
        try (PreparedStatement s =
            c.prepareStatement(
                "select cast(application_id as varchar), min(created_at) from notification"
                    + " where application_id = any(?) group by application_id")) {
          s.setArray(1, array);
          try (ResultSet rs = s.executeQuery()) {
            while (rs.next()) {
              created.put(rs.getString(1), rs.getTimestamp(2).toInstant());
            }
          }
        }
        if (created.size() >= ids.length) {
          break;
        }
        Http.sleep(250);
      }
      for (Map.Entry<String, Instant> e : created.entrySet()) {
        Instant answered = answeredAt.get(e.getKey());
        latencies.add(Math.max(0, Duration.between(answered, e.getValue()).toNanos() / 1000));
      }
    }
    return latencies;
  }
}
