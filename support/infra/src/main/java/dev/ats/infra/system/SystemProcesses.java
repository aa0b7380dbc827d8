package dev.ats.infra.system;

import dev.ats.infra.PostgresServer;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.function.Function;

/**
 * The whole system as separate processes, described once for the two places that run it: the local
 * stack ({@code ./ats up}, {@link dev.ats.infra.local.LocalStack}) and the system tests. It knows
 * how each piece is started (command, bounded heap, environment), where its log goes and when it is
 * ready:
 *
 * <ul>
 *   <li>PostgreSQL, with one database per service, and Kafka, with the contract's topics ({@link
 *       dev.ats.infra.Topics}), each a JVM running {@code LocalStack postgres|kafka}; ready when
 *       they have written their ready file;
 *   <li>the SMTP sink ({@code LocalStack smtp}, writing {@code .eml} files) for the local stack
 *       (the system tests run GreenMail in their own JVM instead);
 *   <li>the services of {@link AtsService}, each {@code java -jar quarkus-run.jar} with its
 *       configuration in environment variables; ready when {@code /q/health/ready} answers 200.
 * </ul>
 */
public final class SystemProcesses {

  public static final String POSTGRES = "postgres";
  public static final String KAFKA = "kafka";
  public static final String SMTP = "smtp";

  /** How long an infrastructure process may take to be ready (a first start formats storage). */
  public static final Duration INFRA_TIMEOUT = Duration.ofSeconds(120);

  /** How long a service may take to report ready. */
  public static final Duration SERVICE_TIMEOUT = Duration.ofSeconds(180);

  private static final HttpClient HTTP =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  /** Every port of one running system. */
  public record Ports(
      int postgres, int kafka, int kafkaController, int smtp, Map<AtsService, Integer> services) {
    public Ports {
      services = Map.copyOf(services);
    }

    public int of(AtsService service) {
      return services.get(service);
    }

    /** Free ports for everything (tests: nothing collides with a local stack). */
    public static Ports free() {
      Map<AtsService, Integer> services = new EnumMap<>(AtsService.class);
      for (AtsService s : AtsService.values()) {
        services.put(s, freePort());
      }
      return new Ports(freePort(), freePort(), freePort(), freePort(), services);
    }
  }

  /**
   * Where one system lives.
   *
   * @param root the repository (the packaged services are below it)
   * @param state the local stack's folder ({@code .ats/}): processes outlive the JVM that starts
   *     them, with pid and ready files in {@code state/pids/}, a fresh log per start and the
   *     services' working directory here; null (the system tests): this JVM keeps its processes,
   *     logs are appended to
   * @param logs one {@code NAME.log} per process
   * @param data PostgreSQL's and Kafka's data ({@code postgres/}, {@code kafka/})
   * @param publicKey the PEM public key the services verify bearer tokens with
   * @param issuer the issuer the services expect in bearer tokens
   * @param serviceHeap each service's maximum heap, e.g. {@code 256m}
   */
  public record Layout(
      Path root,
      Path state,
      Path logs,
      Path data,
      Path publicKey,
      String issuer,
      Ports ports,
      String serviceHeap) {

    /** Pid and ready files (the local stack only). */
    public Path pids() {
      return state == null ? null : state.resolve("pids");
    }
  }

  /**
   * How to run {@code LocalStack}'s infrastructure commands in a JVM of their own.
   *
   * @param java the {@code java} executable
   * @param classpathAndMain everything between the JVM options and the arguments: {@code -cp},
   *     system properties, the main class
   */
  public record InfraJvm(String java, List<String> classpathAndMain) {
    public InfraJvm {
      classpathAndMain = List.copyOf(classpathAndMain);
    }

    /** This JVM's classpath and {@code dev.ats.infra.local.LocalStack} (the system tests). */
    public static InfraJvm currentClasspath() {
      return new InfraJvm(
          javaExecutable(),
          List.of("-cp", System.getProperty("java.class.path"), "dev.ats.infra.local.LocalStack"));
    }

    List<String> command(String heap, Path readyFile, List<String> args) {
      List<String> command = new ArrayList<>(List.of(java, "-Xmx" + heap, "-XX:+UseSerialGC"));
      if (readyFile != null) {
        command.add("-D" + READY_FILE_PROPERTY + "=" + readyFile);
      }
      command.addAll(classpathAndMain);
      command.addAll(args);
      return command;
    }
  }

  /** The system property that tells an infrastructure process where its ready file is. */
  public static final String READY_FILE_PROPERTY = "ats.ready-file";

  private final Layout layout;
  private final InfraJvm infraJvm;
  private final Function<AtsService, Map<String, String>> extraEnvironment;

  /**
   * @param extraEnvironment per service, added to {@link #serviceEnvironment} (e.g. rate limits)
   */
  public SystemProcesses(
      Layout layout,
      InfraJvm infraJvm,
      Function<AtsService, Map<String, String>> extraEnvironment) {
    this.layout = layout;
    this.infraJvm = infraJvm;
    this.extraEnvironment = extraEnvironment;
  }

  public Ports ports() {
    return layout.ports();
  }

  /** A durable PostgreSQL server with the services' databases. */
  public ManagedProcess postgres() {
    List<String> args = new ArrayList<>();
    args.add(POSTGRES);
    args.add(layout.data().resolve(POSTGRES).toString());
    args.add(String.valueOf(layout.ports().postgres()));
    args.addAll(AtsService.databases());
    return infra(POSTGRES, "96m", args);
  }

  /** A single-node KRaft broker holding the contract's topics. */
  public ManagedProcess kafka() {
    return infra(
        KAFKA,
        "512m",
        List.of(
            KAFKA,
            layout.data().resolve(KAFKA).toString(),
            String.valueOf(layout.ports().kafka()),
            String.valueOf(layout.ports().kafkaController())));
  }

  /** The SMTP sink that keeps every message as an {@code .eml} file in {@code mailDirectory}. */
  public ManagedProcess smtp(Path mailDirectory) {
    return infra(
        SMTP,
        "64m",
        List.of(SMTP, String.valueOf(layout.ports().smtp()), mailDirectory.toString()));
  }

  private ManagedProcess infra(String name, String heap, List<String> args) {
    Path readyFile = stateFile(name, ".ready");
    return process(name)
        .command(infraJvm.command(heap, readyFile, args))
        .readyFile(readyFile)
        .build();
  }

  /**
   * One service, as {@code java -jar} of its packaged application, run in the jar's folder: the JVM
   * accepts the class-data archive only there (elsewhere it warns "Unable to use shared archive"
   * and loads every class again). Which JDK and which cache it starts with is decided at each start
   * ({@link #serviceCommand}): a start after {@link #trainStartupCache} uses the new cache.
   */
  public ManagedProcess service(AtsService service) {
    Path jar = service.jar(layout.root());
    return process(service.shortName())
        .command(() -> serviceCommand(jar, layout.serviceHeap()))
        .environment(serviceEnvironment(service))
        .directory(jar.getParent())
        .build();
  }

  /**
   * How a service starts: on a JDK 25+ with its ahead-of-time cache when both exist and the cache
   * is fresh ({@link StartupCache}), otherwise {@link #appCdsCommand} on the running JDK. Run it in
   * the jar's folder ({@link #service}).
   */
  public static List<String> serviceCommand(Path jar, String heap) {
    Optional<Path> jdk = StartupCache.jdk();
    if (jdk.isPresent() && StartupCache.fresh(jar)) {
      return StartupCache.command(
          jdk.get(), jar, heap, "-XX:AOTCache=" + StartupCache.file(jar).toAbsolutePath());
    }
    return appCdsCommand(jar, heap);
  }

  /**
   * {@code java -jar quarkus-run.jar} on the running JDK with a bounded heap, the serial collector,
   * no perf-data sampling (a thread that would wake 20 times a second in every idle service), and
   * the class-data archive the build made next to the jar ({@code app-cds.jsa}, {@code
   * quarkus.package.jar.appcds.enabled}) if there is one: classes mapped instead of loaded and
   * verified, so the service starts sooner. Run it in the jar's folder ({@link #service}).
   */
  public static List<String> appCdsCommand(Path jar, String heap) {
    List<String> command =
        new ArrayList<>(
            List.of(javaExecutable(), "-Xmx" + heap, "-XX:+UseSerialGC", "-XX:-UsePerfData"));
    Path archive = jar.resolveSibling("app-cds.jsa");
    if (Files.isRegularFile(archive)) {
      command.add("-XX:SharedArchiveFile=" + archive);
      command.add("-Xshare:auto");
    }
    command.add("-jar");
    command.add(jar.toString());
    return command;
  }

  /** How long a training run may take to stop: the JVM writes the cache as it exits. */
  static final Duration TRAINING_EXIT = Duration.ofSeconds(180);

  /**
   * Makes the service's start-up cache ({@link StartupCache}) if a JDK 25+ is installed and the
   * cache is missing or older than the package: a training run ({@code -XX:AOTCacheOutput}) starts
   * the service on a free port against this system's PostgreSQL and Kafka (which must run), waits
   * until it is ready, asks for its health and metrics as the first requests do, and stops it; the
   * JVM writes the cache as it exits (a few seconds). Its log is {@code NAME-training.log}. A
   * training that fails leaves no cache: the service then starts as before.
   *
   * @return the cache's path if this made one
   */
  public Optional<Path> trainStartupCache(AtsService service) {
    Path jar = service.jar(layout.root());
    Optional<Path> jdk = StartupCache.jdk();
    if (jdk.isEmpty() || !Files.isRegularFile(jar) || StartupCache.fresh(jar)) {
      return Optional.empty();
    }
    Path cache = StartupCache.file(jar);
    Path output = cache.resolveSibling(StartupCache.FILE + ".training");
    int port = freePort();
    Map<String, String> env = new HashMap<>(serviceEnvironment(service));
    env.put("QUARKUS_HTTP_PORT", String.valueOf(port));
    ManagedProcess training =
        ManagedProcess.named(service.shortName() + "-training")
            .command(
                StartupCache.command(
                    jdk.get(),
                    jar,
                    layout.serviceHeap(),
                    "-XX:AOTCacheOutput=" + output.toAbsolutePath()))
            .environment(env)
            .directory(jar.getParent())
            .log(layout.logs().resolve(service.shortName() + "-training.log"), false)
            .build();
    try {
      Files.deleteIfExists(output);
      training.start();
      training.awaitReady(() -> httpStatus(port, service.readyPath()) == 200, SERVICE_TIMEOUT);
      for (String path : List.of("/q/health/live", "/q/health/ready", "/q/metrics")) {
        httpStatus(port, path);
      }
      if (!training.stop(TRAINING_EXIT) || !Files.isRegularFile(output)) {
        Files.deleteIfExists(output);
        return Optional.empty();
      }
      Files.move(
          output, cache, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      return Optional.of(cache);
    } catch (ManagedProcess.NotReadyException | IOException e) {
      training.kill();
      try {
        Files.deleteIfExists(output);
      } catch (IOException ignored) {
        // the next training replaces it
      }
      return Optional.empty();
    }
  }

  private ManagedProcess.Builder process(String name) {
    ManagedProcess.Builder builder = ManagedProcess.named(name);
    if (layout.state() != null) {
      // the local stack: processes outlive ./ats, each start has a fresh log
      builder.log(layout.logs().resolve(name + ".log"), false);
      builder.pidFile(layout.pids().resolve(name + ".pid")).detached();
    } else {
      builder.log(layout.logs().resolve(name + ".log"), true);
    }
    return builder;
  }

  private Path stateFile(String name, String suffix) {
    return (layout.pids() != null ? layout.pids() : layout.logs()).resolve(name + suffix);
  }

  /**
   * The configuration a service gets, as environment variables over its application.properties: its
   * port, the token key and issuer, the broker, its database, the SMTP sink (notifications) and the
   * other services' addresses (gateway).
   */
  public Map<String, String> serviceEnvironment(AtsService service) {
    Ports ports = layout.ports();
    Map<String, String> env = new HashMap<>();
    env.put("QUARKUS_HTTP_PORT", String.valueOf(ports.of(service)));
    env.put("MP_JWT_VERIFY_PUBLICKEY_LOCATION", layout.publicKey().toString());
    env.put("MP_JWT_VERIFY_ISSUER", layout.issuer());
    env.put("KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrapServers());
    service
        .database()
        .ifPresent(
            database -> {
              env.put(
                  "QUARKUS_DATASOURCE_JDBC_URL",
                  "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/" + database);
              env.put("QUARKUS_DATASOURCE_USERNAME", PostgresServer.USER);
              env.put("QUARKUS_DATASOURCE_PASSWORD", PostgresServer.PASSWORD);
            });
    if (service == AtsService.NOTIFICATIONS) {
      env.put("QUARKUS_MAILER_HOST", "127.0.0.1");
      env.put("QUARKUS_MAILER_PORT", String.valueOf(ports.smtp()));
      env.put("QUARKUS_MAILER_MOCK", "false");
    }
    if (service == AtsService.WEB) {
      env.put("ATS_WEB_GATEWAY_URL", "http://127.0.0.1:" + ports.of(AtsService.GATEWAY));
    }
    if (service == AtsService.GATEWAY) {
      for (AtsService routed : AtsService.values()) {
        if (routed != AtsService.GATEWAY) {
          env.put(
              "ATS_GATEWAY_ROUTES_" + routed.shortName().toUpperCase(Locale.ROOT),
              "http://127.0.0.1:" + ports.of(routed));
        }
      }
    }
    env.putAll(extraEnvironment.apply(service));
    return env;
  }

  public String kafkaBootstrapServers() {
    return "127.0.0.1:" + layout.ports().kafka();
  }

  /** The base URL of a service, e.g. {@code http://127.0.0.1:8080} for the gateway. */
  public String url(AtsService service) {
    return "http://127.0.0.1:" + layout.ports().of(service);
  }

  /** Whether the service answers its readiness check with 200. */
  public boolean ready(AtsService service) {
    return httpStatus(layout.ports().of(service), service.readyPath()) == 200;
  }

  /** Starts an infrastructure process (unless it runs) and waits for its ready file. */
  public void startInfra(ManagedProcess process) {
    process.start();
    process.awaitReadyFile(INFRA_TIMEOUT);
  }

  /**
   * Starts a service (unless it runs) and waits until it reports ready. It starts with its start-up
   * cache only if one newer than its package exists ({@link #serviceCommand}); this does not train
   * one (the system tests package the services afresh and would pay a training run per service).
   */
  public void startService(ManagedProcess process, AtsService service) {
    process.start();
    process.awaitReady(() -> ready(service), SERVICE_TIMEOUT);
  }

  /** The status of {@code GET http://127.0.0.1:port/path}, or -1 if nothing answered. */
  public static int httpStatus(int port, String path) {
    try {
      return HTTP.send(
              HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path))
                  .timeout(Duration.ofSeconds(5))
                  .build(),
              HttpResponse.BodyHandlers.discarding())
          .statusCode();
    } catch (IOException e) {
      return -1;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return -1;
    }
  }

  /** The {@code java} of the running JVM. */
  public static String javaExecutable() {
    return Path.of(
            System.getProperty("java.home"), "bin", ManagedProcess.WINDOWS ? "java.exe" : "java")
        .toString();
  }

  public static int freePort() {
    return dev.ats.infra.KafkaBroker.freePort();
  }
}
