package dev.ats.infra;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Properties;
import kafka.server.KafkaConfig;
import kafka.server.KafkaRaftServer;
import kafka.tools.StorageTool;
import org.apache.kafka.common.utils.Time;

/**
 * A real Apache Kafka broker in KRaft mode (one node that is both broker and controller), run
 * in-process from the Maven artifacts. Tests embed it in their JVM ({@link #startForTests()}, from
 * {@link dev.ats.infra.test.AtsTestInfrastructure}); the local stack and the system tests run it in
 * a JVM of its own ({@code LocalStack kafka}, see {@link dev.ats.infra.local.LocalStack} and {@link
 * dev.ats.infra.system.SystemProcesses}). Either way it starts with every topic of the contract
 * created as {@link Topics} defines it.
 */
public final class KafkaBroker implements AutoCloseable {

  /** A fixed cluster id: the local stack's data folder is formatted once and reused. */
  private static final String CLUSTER_ID = "YXRzLWxvY2FsLWthZmthMQ";

  private final KafkaRaftServer server;
  private final int port;
  private final Path temporaryDirectory;

  private KafkaBroker(KafkaRaftServer server, int port, Path temporaryDirectory) {
    this.server = server;
    this.port = port;
    this.temporaryDirectory = temporaryDirectory;
  }

  /** A throw-away broker for tests: random ports, data under a temporary folder. */
  public static KafkaBroker startForTests() {
    try {
      Path dir = Files.createTempDirectory("ats-kafka-");
      KafkaBroker broker = start(dir, freePort(), freePort());
      return new KafkaBroker(broker.server, broker.port, dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Formats {@code dataDirectory} if it is new, starts the broker on the given ports and makes it
   * hold every topic of {@link Topics#ALL} with the contract's configuration before returning.
   * Topics the contract does not name are still auto-created with 3 partitions on first use.
   */
  public static KafkaBroker start(Path dataDirectory, int port, int controllerPort) {
    try {
      Files.createDirectories(dataDirectory);
      Properties props = new Properties();
      props.put("process.roles", "broker,controller");
      props.put("node.id", "1");
      props.put("controller.quorum.voters", "1@127.0.0.1:" + controllerPort);
      props.put(
          "listeners",
          "PLAINTEXT://127.0.0.1:" + port + ",CONTROLLER://127.0.0.1:" + controllerPort);
      props.put("advertised.listeners", "PLAINTEXT://127.0.0.1:" + port);
      props.put("listener.security.protocol.map", "PLAINTEXT:PLAINTEXT,CONTROLLER:PLAINTEXT");
      props.put("controller.listener.names", "CONTROLLER");
      props.put("inter.broker.listener.name", "PLAINTEXT");
      props.put("log.dirs", dataDirectory.toAbsolutePath().toString());
      props.put("num.partitions", "3");
      props.put("auto.create.topics.enable", "true");
      props.put("offsets.topic.replication.factor", "1");
      props.put("offsets.topic.num.partitions", "3");
      props.put("transaction.state.log.replication.factor", "1");
      props.put("transaction.state.log.min.isr", "1");
      props.put("share.coordinator.state.topic.replication.factor", "1");
      props.put("share.coordinator.state.topic.min.isr", "1");
      props.put("group.initial.rebalance.delay.ms", "0");
      props.put("log.flush.interval.messages", "1");
      format(dataDirectory, props);
      KafkaRaftServer server =
          new KafkaRaftServer(KafkaConfig.fromProps(props, false), Time.SYSTEM);
      server.startup();
      KafkaBroker broker = new KafkaBroker(server, port, null);
      try {
        Topics.ensure(broker.bootstrapServers());
      } catch (RuntimeException e) {
        broker.close();
        throw e;
      }
      return broker;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void format(Path dataDirectory, Properties props) throws IOException {
    Path config = dataDirectory.resolve("format.properties");
    try (var out = Files.newOutputStream(config)) {
      props.store(out, "written by KafkaBroker to format the storage");
    }
    ByteArrayOutputStream output = new ByteArrayOutputStream();
    int code =
        StorageTool.execute(
            new String[] {
              "format", "-t", CLUSTER_ID, "-c", config.toString(), "--ignore-formatted"
            },
            new PrintStream(output, true, StandardCharsets.UTF_8));
    if (code != 0) {
      throw new IllegalStateException(
          "formatting Kafka storage failed: " + output.toString(StandardCharsets.UTF_8));
    }
  }

  public String bootstrapServers() {
    return "127.0.0.1:" + port;
  }

  /**
   * A port nobody listens on now, taken below the range the kernel hands to outgoing connections
   * (32768 and up on Linux): a port from that range could become some process's outgoing connection
   * before our server binds it (a system-test gateway once failed to start on one). Never the same
   * port twice in one JVM.
   */
  public static int freePort() {
    java.util.concurrent.ThreadLocalRandom random =
        java.util.concurrent.ThreadLocalRandom.current();
    for (int attempt = 0; attempt < 200; attempt++) {
      int port = 20_000 + random.nextInt(12_000);
      if (!HANDED_OUT.add(port)) {
        continue;
      }
      try (ServerSocket socket = new ServerSocket()) {
        socket.bind(new java.net.InetSocketAddress(port));
        return port;
      } catch (IOException taken) {
        // someone listens there: try another
      }
    }
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static final java.util.Set<Integer> HANDED_OUT =
      java.util.concurrent.ConcurrentHashMap.newKeySet();

  @Override
  public void close() {
    server.shutdown();
    server.awaitShutdown();
    if (temporaryDirectory != null) {
      try (var files = Files.walk(temporaryDirectory)) {
        files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
      } catch (IOException e) {
        // a leftover temporary folder is harmless
      }
    }
  }
}
