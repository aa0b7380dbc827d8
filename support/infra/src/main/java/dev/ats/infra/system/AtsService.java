package dev.ats.infra.system;

import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The services of the system, listed once: the local stack ({@code ./ats}) and the system tests
 * start them from this list, in this order (the gateway last).
 */
public enum AtsService {
  ROLES("roles", "roles-service", 8081, "roles"),
  APPLICATIONS("applications", "applications-service", 8082, "applications"),
  NOTIFICATIONS("notifications", "notifications-service", 8083, "notifications"),
  /** The careers page and the recruiter board: no database, calls the API through the gateway. */
  WEB("web", "web", 8084, null),
  GATEWAY("gateway", "api-gateway", 8080, null);

  /** Readiness ("can serve requests": its database, not Kafka), the same path in every service. */
  public static final String READY_PATH = "/q/health/ready";

  private final String shortName;
  private final String module;
  private final int defaultPort;
  private final String database;

  AtsService(String shortName, String module, int defaultPort, String database) {
    this.shortName = shortName;
    this.module = module;
    this.defaultPort = defaultPort;
    this.database = database;
  }

  /** The short name: logs, pid files, {@code ./ats logs NAME}. */
  public String shortName() {
    return shortName;
  }

  /** The Maven module, a folder of the repository. */
  public String module() {
    return module;
  }

  /** The HTTP port of the local stack (each service's {@code quarkus.http.port}). */
  public int defaultPort() {
    return defaultPort;
  }

  /** The environment variable that moves this service to another port locally. */
  public String portVariable() {
    return "ATS_" + shortName.toUpperCase(Locale.ROOT) + "_PORT";
  }

  /** The PostgreSQL database the service owns; none for the gateway and web. */
  public Optional<String> database() {
    return Optional.ofNullable(database);
  }

  /** The health path that says the service can serve requests. */
  public String readyPath() {
    return READY_PATH;
  }

  /** The packaged service below the repository {@code root}. */
  public Path jar(Path root) {
    return root.resolve(module).resolve("target").resolve("quarkus-app").resolve("quarkus-run.jar");
  }

  /** Every service's database, in start order. */
  public static List<String> databases() {
    return Arrays.stream(values()).flatMap(s -> s.database().stream()).collect(Collectors.toList());
  }

  /** The service called {@code shortName}, if there is one. */
  public static Optional<AtsService> named(String shortName) {
    return Arrays.stream(values()).filter(s -> s.shortName.equals(shortName)).findFirst();
  }
}
