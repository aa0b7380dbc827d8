package dev.ats.infra.local;

import dev.ats.infra.system.AtsService;
import dev.ats.infra.system.SystemProcesses;
import dev.ats.infra.system.SystemProcesses.InfraJvm;
import dev.ats.infra.system.SystemProcesses.Layout;
import dev.ats.infra.system.SystemProcesses.Ports;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

/**
 * The local stack's settings: the repository, its state under {@code .ats/} (git-ignored, kept
 * across down/up) and the ports, each movable with an environment variable.
 *
 * @param root the repository
 * @param state the launcher's folder: {@code .ats/} below the repository (tests: elsewhere)
 * @param env the environment the launcher runs in (its {@code ATS_*} variables)
 * @param command how the user calls the launcher, for messages: {@code ./ats} or {@code ats}
 */
record StackSettings(Path root, Path state, Map<String, String> env, String command) {

  static final String PG_PORT = "ATS_PG_PORT";
  static final String KAFKA_PORT = "ATS_KAFKA_PORT";
  static final String KAFKA_CONTROLLER_PORT = "ATS_KAFKA_CONTROLLER_PORT";
  static final String SMTP_PORT = "ATS_SMTP_PORT";

  /** The variable that moves an infrastructure process's port. */
  static String variableOf(String process) {
    switch (process) {
      case SystemProcesses.POSTGRES:
        return PG_PORT;
      case SystemProcesses.KAFKA:
        return KAFKA_PORT;
      case SystemProcesses.SMTP:
        return SMTP_PORT;
      default:
        throw new IllegalArgumentException(process);
    }
  }

  /** Anonymous submits per address and window at the gateway, loosened locally (default 1000). */
  static final String ANONYMOUS_SUBMIT_LIMIT = "ATS_ANONYMOUS_SUBMIT_LIMIT";

  /** Each service's heap in the local stack. */
  static final String SERVICE_HEAP = "256m";

  Path logs() {
    return state().resolve("logs");
  }

  Path pids() {
    return state().resolve("pids");
  }

  Path data() {
    return state().resolve("data");
  }

  Path keys() {
    return state().resolve("keys");
  }

  Path mail() {
    return state().resolve("mail");
  }

  Ports ports() {
    Map<AtsService, Integer> services = new EnumMap<>(AtsService.class);
    for (AtsService s : AtsService.values()) {
      services.put(s, port(s.portVariable(), s.defaultPort()));
    }
    return new Ports(
        port(PG_PORT, 15432),
        port(KAFKA_PORT, 19092),
        port(KAFKA_CONTROLLER_PORT, 19093),
        port(SMTP_PORT, 2525),
        services);
  }

  private int port(String variable, int fallback) {
    String value = env.get(variable);
    if (value == null || value.isBlank()) {
      return fallback;
    }
    try {
      int port = Integer.parseInt(value.trim());
      if (port > 0 && port < 65536) {
        return port;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw new Console.Failure(variable + " must be a port number (1-65535), not '" + value + "'.");
  }

  /** The processes of the local stack, as {@link SystemProcesses} describes them. */
  SystemProcesses processes() {
    Layout layout =
        new Layout(
            root,
            state(),
            logs(),
            data(),
            DevKeys.publicKey(keys()),
            DevKeys.ISSUER,
            ports(),
            SERVICE_HEAP);
    return new SystemProcesses(layout, infraJvm(), this::extraEnvironment);
  }

  private Map<String, String> extraEnvironment(AtsService service) {
    if (service == AtsService.WEB) {
      // The dev-only sign-in: a recruiter or hiring manager picks a group and gets a token signed
      // with the local key (.ats/keys), like ./ats token. Plain HTTP on localhost: no Secure
      // cookie.
      return Map.of(
          "ATS_WEB_DEV_SIGN_IN_ENABLED",
          "true",
          "ATS_WEB_DEV_SIGN_IN_PRIVATE_KEY_LOCATION",
          DevKeys.privateKey(keys()).toString(),
          "ATS_WEB_DEV_SIGN_IN_ISSUER",
          DevKeys.ISSUER,
          "ATS_WEB_SESSION_SECURE",
          "false");
    }
    if (service != AtsService.GATEWAY) {
      return Map.of();
    }
    // Everything comes from one address locally (and ./ats demo submits in a burst): loosen the
    // per-address limit for anonymous submits that production keeps strict.
    String limit = env.get(ANONYMOUS_SUBMIT_LIMIT);
    if (limit == null || limit.isBlank()) {
      limit = env.getOrDefault("ATS_GATEWAY_RATE_LIMIT_ANONYMOUS_SUBMIT_LIMIT", "1000");
    }
    return Map.of("ATS_GATEWAY_RATE_LIMIT_ANONYMOUS_SUBMIT_LIMIT", limit);
  }

  /**
   * Started by a wrapper, the infrastructure JVMs run from the jar {@link Bootstrap} prepared (and
   * outlive a {@code ./mvnw clean}); otherwise from this JVM's classpath.
   */
  private InfraJvm infraJvm() {
    String jar = System.getProperty(Bootstrap.INFRA_JAR_PROPERTY);
    if (jar == null) {
      return InfraJvm.currentClasspath();
    }
    return new InfraJvm(
        SystemProcesses.javaExecutable(),
        List.of("-Dats.root=" + root, "-cp", jar, Bootstrap.class.getName()));
  }
}
