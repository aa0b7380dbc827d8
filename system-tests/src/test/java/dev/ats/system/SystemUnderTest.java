package dev.ats.system;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.ats.infra.system.AtsService;
import dev.ats.infra.system.ManagedProcess;
import dev.ats.infra.system.SystemProcesses;
import dev.ats.infra.system.SystemProcesses.InfraJvm;
import dev.ats.infra.system.SystemProcesses.Layout;
import dev.ats.infra.system.SystemProcesses.Ports;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system, started once per test JVM through ats-infra's {@link SystemProcesses}, the same
 * code {@code ./ats up} uses: PostgreSQL and Kafka as separate processes (with this JVM's
 * classpath), the four packaged services as separate JVMs, each on a free port. The SMTP sink is
 * GreenMail in this JVM, so that the tests can read what it received and take it away. Tracing is
 * on in every service, every trace sampled and exported to {@link OtlpReceiver} in this JVM.
 */
final class SystemUnderTest {

  static final String JWT_ISSUER = "https://ats.test";
  private static final Duration STOP_GRACE = Duration.ofSeconds(60);
  private static SystemUnderTest instance;

  final Path root;
  final Path work;

  /** Every span the services export: tracing is on, everything sampled, sent to this JVM. */
  final OtlpReceiver traces = new OtlpReceiver();

  private final SystemProcesses system;
  private final ManagedProcess postgres;
  private final ManagedProcess kafka;
  private final Map<AtsService, ManagedProcess> services = new EnumMap<>(AtsService.class);
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
      system =
          new SystemProcesses(
              new Layout(root, null, work, work, publicKey, JWT_ISSUER, Ports.free(), "192m"),
              InfraJvm.currentClasspath(),
              service -> {
                Map<String, String> env =
                    new java.util.HashMap<>(SystemSettings.forService(service.shortName()));
                env.putAll(traces.settings());
                return env;
              });
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    postgres = system.postgres();
    kafka = system.kafka();
    for (AtsService service : AtsService.values()) {
      services.put(service, system.service(service));
    }
  }

  String kafkaBootstrapServers() {
    return system.kafkaBootstrapServers();
  }

  String gateway() {
    return system.url(AtsService.GATEWAY);
  }

  /** The whole API's OpenAPI document, as the gateway serves it ({@code GET /openapi}). */
  String openApi() {
    return io.restassured.RestAssured.given()
        .baseUri(gateway())
        .get("/openapi")
        .then()
        .statusCode(200)
        .extract()
        .asString();
  }

  String serviceUrl(String name) {
    return system.url(service(name));
  }

  private static AtsService service(String name) {
    return AtsService.named(name)
        .orElseThrow(() -> new IllegalArgumentException("no service " + name));
  }

  /** Fails with the process's last log lines if one exits or is not ready in time. */
  private void startAll() {
    postgres.start();
    kafka.start();
    startSmtp();
    system.startInfra(postgres);
    system.startInfra(kafka);
    for (AtsService service : AtsService.values()) {
      startService(service.shortName());
    }
  }

  void startService(String name) {
    AtsService service = service(name);
    system.startService(services.get(service), service);
  }

  void killService(String name) {
    services.get(service(name)).kill();
  }

  void stopKafka() {
    kafka.stop(STOP_GRACE);
  }

  void startKafka() {
    system.startInfra(kafka);
  }

  void stopPostgres() {
    postgres.stop(STOP_GRACE);
  }

  void startPostgres() {
    system.startInfra(postgres);
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
      smtp =
          new GreenMail(
              new ServerSetup(system.ports().smtp(), "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
      smtp.start();
    }
  }

  /** Messages received by earlier SMTP sinks (before an outage). */
  private final List<MimeMessage> mail = new ArrayList<>();

  /** Every message any SMTP sink of this run received. */
  synchronized List<MimeMessage> allMail() {
    List<MimeMessage> all = new ArrayList<>(mail);
    if (smtp != null) {
      all.addAll(List.of(smtp.getReceivedMessages()));
    }
    return all;
  }

  boolean ready(String name) {
    return system.ready(service(name));
  }

  private void stopAll() {
    List<ManagedProcess> all = new ArrayList<>(services.values());
    Collections.reverse(all);
    all.forEach(p -> p.stop(STOP_GRACE));
    stopSmtp();
    kafka.stop(STOP_GRACE);
    postgres.stop(STOP_GRACE);
    traces.stop();
    System.out.println("system test logs: " + work);
  }
}
