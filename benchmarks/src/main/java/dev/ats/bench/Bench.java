package dev.ats.bench;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import dev.ats.infra.system.AtsService;
import dev.ats.infra.system.ManagedProcess;
import dev.ats.infra.system.SystemProcesses;
import io.smallrye.jwt.build.Jwt;
import io.smallrye.jwt.util.KeyUtils;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.UUID;

/**
 * The performance harness of issue 16 ({@code ./ats bench}), against the running local stack
 * ({@code ./ats up}). Sections, each skippable ({@code -Dbench.only=idle,startup,...}):
 *
 * <ol>
 *   <li>{@code idle}: each service's CPU while nothing happens;
 *   <li>{@code startup}: a second instance of each service started on a free port, process start to
 *       its first 200 from {@code /q/health/ready}, and its RSS then. The gateway instance stays up
 *       for the next section with its rate limits raised for this run only (environment);
 *   <li>{@code gateway}: {@code GET /api/v1/roles} direct to roles-service, through the gateway and
 *       through nginx (proxy_pass + keepalive), anonymous and with a JWT: throughput (closed
 *       model), then latency at a constant rate of half the direct maximum (open model); CPU per
 *       request;
 *   <li>{@code submit}: submissions per second (closed model, direct) vs pgbench running the same
 *       statements;
 *   <li>{@code latency}: at 50 submissions/s, 201 → record on {@code applications.events} and 201 →
 *       notification row, vs Kafka's own {@code EndToEndLatency} on the same broker;
 *   <li>{@code mail}: a burst of submitted events (2 000 by default) written to the topic at once,
 *       first event to last mail sent;
 *   <li>{@code observability} (only when asked for): what metrics and tracing cost, see {@link
 *       ObservabilityCostBench}.
 * </ol>
 *
 * Rounds of the compared targets are interleaved, after a warm-up; figures are medians over rounds.
 * Prints one table of ratios against the goals and writes it to {@code target/bench/results.json}.
 */
public final class Bench {

  static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
  static final String ISSUER = "https://ats.local";

  final Path root;
  final Path work;
  final Map<String, String> env = System.getenv();
  final int rounds = Integer.getInteger("bench.rounds", 3);
  final double seconds = Double.parseDouble(System.getProperty("bench.seconds", "5"));
  final Set<String> only =
      Set.of(
          System.getProperty("bench.only", "idle,startup,gateway,submit,latency,mail").split(","));
  final SystemProcesses.Ports ports;
  final HttpClient jdk = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
  final Http http = new Http();
  final Report report = new Report();
  final String recruiterToken;

  /** Set by the startup section (or started by the gateway section). */
  ManagedProcess benchGateway;

  int benchGatewayPort;
  String roleId;

  Bench(Path root) throws Exception {
    this.root = root;
    this.work = Files.createDirectories(root.resolve("benchmarks/target/bench"));
    this.ports = stackPorts();
    this.recruiterToken = token("recruiter", "bench-recruiter@ats.local");
  }

  public static void main(String[] args) throws Exception {
    Path root = Path.of(System.getProperty("ats.root", ".")).toAbsolutePath().normalize();
    Bench bench = new Bench(root);
    int code = 0;
    try {
      code = bench.run();
    } finally {
      bench.close();
    }
    System.exit(code);
  }

  int run() throws Exception {
    long started = System.nanoTime();
    for (AtsService s : AtsService.values()) {
      if (SystemProcesses.httpStatus(ports.of(s), s.readyPath()) != 200) {
        System.err.println(
            s.shortName() + " is not ready on port " + ports.of(s) + ": run ./ats up first.");
        return 1;
      }
    }
    say("ATS benchmark against the local stack (" + rounds + " rounds, " + seconds + " s each)");
    if (only.contains("idle")) {
      new IdleAndStartup(this).idle();
    }
    if (only.contains("startup")) {
      new IdleAndStartup(this).startup();
      new IdleAndStartup(this).startupWithAndWithoutArchive();
    }
    if (only.contains("gateway")) {
      new GatewayBench(this).run();
    }
    if (only.contains("submit") || only.contains("latency") || only.contains("mail")) {
      roleId = openRole();
    }
    if (only.contains("submit")) {
      new SubmitBench(this).run();
    }
    if (only.contains("latency")) {
      new EventLatencyBench(this).run();
    }
    if (only.contains("mail")) {
      new MailBench(this).run();
    }
    if (only.contains("observability")) {
      new ObservabilityCostBench(this).run();
    }
    double minutes = (System.nanoTime() - started) / 60e9;
    report.put("durationMinutes", Math.round(minutes * 10) / 10.0);
    report.print(System.out);
    Path file = work.resolve("results.json");
    Files.writeString(file, JSON.writeValueAsString(report.json()));
    say(String.format(Locale.ROOT, "took %.1f min; written to %s", minutes, root.relativize(file)));
    return 0;
  }

  void close() {
    if (benchGateway != null) {
      benchGateway.stop(Duration.ofSeconds(10));
    }
    http.close();
  }

  // --- the stack -------------------------------------------------------------------------------

  private SystemProcesses.Ports stackPorts() {
    Map<AtsService, Integer> services = new EnumMap<>(AtsService.class);
    for (AtsService s : AtsService.values()) {
      services.put(s, port(s.portVariable(), s.defaultPort()));
    }
    return new SystemProcesses.Ports(
        port("ATS_PG_PORT", 15432),
        port("ATS_KAFKA_PORT", 19092),
        port("ATS_KAFKA_CONTROLLER_PORT", 19093),
        port("ATS_SMTP_PORT", 2525),
        services);
  }

  private int port(String variable, int fallback) {
    String value = env.get(variable);
    return value == null || value.isBlank() ? fallback : Integer.parseInt(value.trim());
  }

  /**
   * The local stack's processes, with {@code service} moved to {@code port} (a second instance).
   */
  SystemProcesses processesWith(AtsService service, int port, Map<String, String> extraEnv) {
    Map<AtsService, Integer> services = new EnumMap<>(AtsService.class);
    for (AtsService s : AtsService.values()) {
      services.put(s, s == service ? port : ports.of(s));
    }
    SystemProcesses.Ports moved =
        new SystemProcesses.Ports(
            ports.postgres(), ports.kafka(), ports.kafkaController(), ports.smtp(), services);
    SystemProcesses.Layout layout =
        new SystemProcesses.Layout(
            root,
            null,
            work.resolve("logs"),
            root.resolve(".ats/data"),
            root.resolve(".ats/keys/public.pem"),
            ISSUER,
            moved,
            "256m");
    return new SystemProcesses(
        layout,
        SystemProcesses.InfraJvm.currentClasspath(),
        s -> s == service ? extraEnv : Map.of());
  }

  /** The pid of a process of the local stack (its pid file). */
  long stackPid(String name) throws IOException {
    return Long.parseLong(
        Files.readAllLines(root.resolve(".ats/pids/" + name + ".pid")).get(0).trim());
  }

  String jdbc(String database) {
    return "jdbc:postgresql://127.0.0.1:" + ports.postgres() + "/" + database;
  }

  String token(String group, String subject) throws Exception {
    String key = Files.readString(root.resolve(".ats/keys/private.pem"));
    return Jwt.issuer(ISSUER)
        .subject(subject)
        .upn(subject)
        .groups(Set.of(group))
        .expiresIn(Duration.ofHours(2))
        .sign(KeyUtils.decodePrivateKey(key));
  }

  // --- a role to apply to ----------------------------------------------------------------------

  /** A new OPEN role (directly at roles-service), once applications-service knows it. */
  private String openRole() throws Exception {
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Map<String, Object> rule =
        Map.of(
            "id", "commitsTwelveWeeks",
            "question", "Can you commit to a 12-week internship?",
            "answerType", "BOOLEAN",
            "rule", Map.of("operator", "EQUALS", "value", true),
            "required", true);
    Map<String, Object> role = new LinkedHashMap<>();
    role.put("title", "Benchmark Engineer - Intern");
    role.put("team", "Engineering");
    role.put("description", "A role the benchmark applies to, many times.");
    role.put("location", "Austin, TX");
    role.put("workplaceType", "HYBRID");
    role.put("employmentType", "INTERNSHIP");
    role.put("durationWeeks", 12);
    role.put("openings", 1000);
    role.put("applicationDeadline", today.plusDays(14) + "T23:59:59Z");
    role.put("respondBy", today.plusDays(21).toString());
    role.put("eligibilityRules", List.of(rule));
    // The submissions measured are the JSON path; a résumé upload is a request of its own.
    role.put("resumeRequired", false);
    String roles = "http://127.0.0.1:" + ports.of(AtsService.ROLES);
    JsonNode created = call("POST", roles + "/api/v1/roles", role, recruiterToken, 201);
    String id = created.path("id").asText();
    call("POST", roles + "/api/v1/roles/" + id + "/open", null, recruiterToken, 200);
    String apps = "http://127.0.0.1:" + ports.of(AtsService.APPLICATIONS);
    long deadline = System.nanoTime() + 60_000_000_000L;
    HttpResponse<String> last = null;
    while (System.nanoTime() < deadline) {
      last =
          send(
              "POST",
              apps + "/api/v1/applications",
              submission(id, "warmup-" + UUID.randomUUID()),
              null);
      if (last.statusCode() == 201) {
        return id;
      }
      Http.sleep(100);
    }
    throw new IllegalStateException(
        "applications-service did not take a submission for role "
            + id
            + " within 60 s; its last answer: "
            + (last == null ? "none" : last.statusCode() + " " + last.body()));
  }

  /** A submission body for {@code roleId} by a candidate with a unique e-mail. */
  static String submission(String roleId, String unique) {
    return "{\"roleId\":\""
        + roleId
        + "\",\"candidate\":{\"email\":\"bench-"
        + unique
        + "@example.com\",\"firstName\":\"Bench\",\"lastName\":\"Mark\"},"
        + "\"answers\":{\"commitsTwelveWeeks\":true},"
        + "\"consent\":{\"privacyPolicyVersion\":\"2026-01\",\"accepted\":true},"
        + "\"source\":\"bench\"}";
  }

  JsonNode call(String method, String url, Object body, String token, int expected)
      throws Exception {
    HttpResponse<String> r =
        send(method, url, body == null ? null : JSON.writeValueAsString(body), token);
    if (r.statusCode() != expected) {
      throw new IllegalStateException(
          method + " " + url + " -> " + r.statusCode() + ": " + r.body());
    }
    return r.body().isBlank() ? JSON.nullNode() : JSON.readTree(r.body());
  }

  HttpResponse<String> send(String method, String url, String body, String token) throws Exception {
    HttpRequest.Builder b =
        HttpRequest.newBuilder(URI.create(url))
            .timeout(Duration.ofSeconds(30))
            .header("Content-Type", "application/json")
            .method(
                method,
                body == null
                    ? HttpRequest.BodyPublishers.noBody()
                    : HttpRequest.BodyPublishers.ofString(body));
    if (token != null) {
      b.header("Authorization", "Bearer " + token);
    }
    return jdk.send(b.build(), HttpResponse.BodyHandlers.ofString());
  }

  /** What a process wrote (stdout and stderr) until it ended, waiting at most {@code seconds}. */
  static String output(Process p, int seconds) throws Exception {
    StringBuilder out = new StringBuilder();
    try (java.io.BufferedReader r =
        new java.io.BufferedReader(
            new java.io.InputStreamReader(
                p.getInputStream(), java.nio.charset.StandardCharsets.UTF_8))) {
      String line;
      while ((line = r.readLine()) != null) {
        out.append(line).append('\n');
      }
    }
    p.waitFor(seconds, java.util.concurrent.TimeUnit.SECONDS);
    return out.toString();
  }

  static void say(String line) {
    System.out.println("[bench " + Instant.now().toString().substring(11, 19) + "] " + line);
    System.out.flush();
  }

  static List<Double> list() {
    return new ArrayList<>();
  }
}
