package dev.ats.system;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.ats.infra.KafkaBroker;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system, started once per test JVM: PostgreSQL and Kafka as separate processes (from
 * ats-infra's LocalStack, with this JVM's classpath), an SMTP sink (GreenMail) in this JVM, and the
 * four packaged services as separate JVMs, each on a free port.
 */
final class SystemUnderTest {

  static final String JWT_ISSUER = "https://ats.test";
  private static SystemUnderTest instance;

  final Path root;
  final Path work;
  final int postgresPort = KafkaBroker.freePort();
  final int kafkaPort = KafkaBroker.freePort();
  final int kafkaControllerPort = KafkaBroker.freePort();
  final int smtpPort = KafkaBroker.freePort();
  final Map<String, Integer> servicePorts = new LinkedHashMap<>();
  private final ManagedProcess postgres;
  private final ManagedProcess kafka;
  private final Map<String, ManagedProcess> services = new LinkedHashMap<>();
  private GreenMail smtp;

  static synchronized SystemUnderTest get() {
    if (instance == null) {
      instance = new SystemUnderTest();
      Runtime.getRuntime().addShutdownHook(new Thread(instance::stopAll, "system-stop"));
      instance.startAll();
    }
    return instance;
  }

  private SystemUnderTest() {
    root = Path.of(System.getProperty("ats.repository.root", "..")).toAbsolutePath().normalize();
    try {
      work = Files.createTempDirectory("ats-system-");
      Path publicKey = work.resolve("jwt-public.pem");
      try (InputStream in =
          getClass().getClassLoader().getResourceAsStream("ats-test-only-keys/public.pem")) {
        Files.copy(in, publicKey);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
    String classpath = System.getProperty("java.class.path");
    postgres =
        new ManagedProcess(
            "postgres",
            List.of(
                java,
                "-Xmx96m",
                "-cp",
                classpath,
                "dev.ats.infra.local.LocalStack",
                "postgres",
                work.resolve("postgres").toString(),
                String.valueOf(postgresPort),
                "roles",
                "applications",
                "notifications"),
            Map.of(),
            work.resolve("postgres.log"));
    kafka =
        new ManagedProcess(
            "kafka",
            List.of(
                java,
                "-Xmx512m",
                "-cp",
                classpath,
                "dev.ats.infra.local.LocalStack",
                "kafka",
                work.resolve("kafka").toString(),
                String.valueOf(kafkaPort),
                String.valueOf(kafkaControllerPort)),
            Map.of(),
            work.resolve("kafka.log"));
    servicePorts.put("roles", KafkaBroker.freePort());
    servicePorts.put("applications", KafkaBroker.freePort());
    servicePorts.put("notifications", KafkaBroker.freePort());
    servicePorts.put("gateway", KafkaBroker.freePort());
    Map<String, String> modules =
        Map.of(
            "roles", "roles-service",
            "applications", "applications-service",
            "notifications", "notifications-service",
            "gateway", "api-gateway");
    for (var entry : servicePorts.entrySet()) {
      String name = entry.getKey();
      Path jar = root.resolve(modules.get(name)).resolve("target/quarkus-app/quarkus-run.jar");
      services.put(
          name,
          new ManagedProcess(
              name,
              List.of(java, "-Xmx192m", "-XX:+UseSerialGC", "-jar", jar.toString()),
              environment(name, entry.getValue()),
              work.resolve(name + ".log")));
    }
  }

  private Map<String, String> environment(String name, int port) {
    Map<String, String> env = new HashMap<>();
    env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
    env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", work.resolve("jwt-public.pem").toString());
    env.put("MP_JWT_VERIFY_ISSUER", JWT_ISSUER);
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
    if (!name.equals("gateway")) {
      env.put(
          "QUARKUS_DATASOURCE_JDBC_URL",
          "jdbc:postgresql://127.0.0.1:" + postgresPort + "/" + name);
      env.put("QUARKUS_DATASOURCE_USERNAME", "postgres");
      env.put("QUARKUS_DATASOURCE_PASSWORD", "postgres");
    }
    if (name.equals("notifications")) {
      env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
      env.put("QUARKUS_MAILER_PORT", String.valueOf(smtpPort));
      env.put("QUARKUS_MAILER_MOCK", "false");
    }
    if (name.equals("gateway")) {
      env.put("ATS_GATEWAY_ROUTES_ROLES", "http://127.0.0.1:" + servicePorts.get("roles"));
      env.put(
          "ATS_GATEWAY_ROUTES_APPLICATIONS",
          "http://127.0.0.1:" + servicePorts.get("applications"));
      env.put(
          "ATS_GATEWAY_ROUTES_NOTIFICATIONS",
          "http://127.0.0.1:" + servicePorts.get("notifications"));
    }
    env.putAll(SystemSettings.forService(name));
    return env;
  }

  String kafkaBootstrapServers() {
    return "127.0.0.1:" + kafkaPort;
  }

  String gateway() {
    return "http://127.0.0.1:" + servicePorts.get("gateway");
  }

  String serviceUrl(String name) {
    return "http://127.0.0.1:" + servicePorts.get(name);
  }

  private void startAll() {
    postgres.start();
    kafka.start();
    startSmtp();
    awaitPort(postgres, postgresPort);
    awaitPort(kafka, kafkaPort);
    for (String name : services.keySet()) {
      startService(name);
    }
  }

  void startService(String name) {
    ManagedProcess service = services.get(name);
    service.start();
    awaitReady(service, servicePorts.get(name));
  }

  void killService(String name) {
    services.get(name).kill();
  }

  void stopKafka() {
    kafka.stop();
  }

  void startKafka() {
    kafka.start();
    awaitPort(kafka, kafkaPort);
  }

  void stopPostgres() {
    postgres.stop();
  }

  void startPostgres() {
    postgres.start();
    awaitPort(postgres, postgresPort);
  }

  /** Stops the SMTP sink; what it received so far stays counted in {@link #allMail}. */
  synchronized void stopSmtp() {
    if (smtp != null) {
      mail.addAll(List.of(smtp.getReceivedMessages()));
      smtp.stop();
      smtp = null;
    }
  }

  synchronized void startSmtp() {
    if (smtp == null) {
      smtp = new GreenMail(new ServerSetup(smtpPort, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      smtp.start();
    }
  }

  /** Messages received by earlier SMTP sinks (before an outage). */
  private final List<jakarta.mail.internet.MimeMessage> mail = new ArrayList<>();

  /** Every message any SMTP sink of this run received. */
  synchronized List<jakarta.mail.internet.MimeMessage> allMail() {
    List<jakarta.mail.internet.MimeMessage> all = new ArrayList<>(mail);
    if (smtp != null) {
      all.addAll(List.of(smtp.getReceivedMessages()));
    }
    return all;
  }

  boolean ready(String name) {
    return status(servicePorts.get(name), "/q/health/ready") == 200;
  }

  static int status(int port, String path) {
    try {
      HttpResponse<Void> response =
          HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.discarding());
      return response.statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private static void awaitReady(ManagedProcess process, int port) {
    awaitCondition(process, () -> status(port, "/q/health/ready") == 200, Duration.ofSeconds(180));
  }

  private static void awaitPort(ManagedProcess process, int port) {
    awaitCondition(
        process,
        () -> {
          try (var socket = new java.net.Socket("127.0.0.1", port)) {
            return true;
          } catch (IOException e) {
            return false;
          }
        },
        Duration.ofSeconds(120));
  }

  private static void awaitCondition(
      ManagedProcess process, java.util.function.BooleanSupplier condition, Duration timeout) {
    try {
      org.awaitility.Awaitility.await(process.name())
          .atMost(timeout)
          .pollInterval(Duration.ofMillis(250))
          .until(
              () -> {
                if (!process.alive()) {
                  throw new IllegalStateException(process.name() + " exited:\n" + process.tail());
                }
                return condition.getAsBoolean();
              });
    } catch (org.awaitility.core.ConditionTimeoutException e) {
      throw new IllegalStateException(
          process.name() + " not ready within " + timeout + ":\n" + process.tail(), e);
    }
  }

  private void stopAll() {
    List<ManagedProcess> all = new ArrayList<>(services.values());
    java.util.Collections.reverse(all);
    all.forEach(ManagedProcess::stop);
    stopSmtp();
    kafka.stop();
    postgres.stop();
    System.out.println("system test logs: " + work);
  }
}
