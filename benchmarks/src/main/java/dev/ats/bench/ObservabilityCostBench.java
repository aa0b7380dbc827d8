package dev.ats.bench;

import com.sun.net.httpserver.HttpServer;
import dev.ats.infra.system.AtsService;
import dev.ats.infra.system.ManagedProcess;
import dev.ats.infra.system.SystemProcesses;
import java.lang.management.ManagementFactory;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * Issue 17's cost of observability ({@code -Dbench.only=observability}, not in the default run):
 * for the gateway ({@code GET /api/v1/roles}, anonymous) and applications-service ({@code GET
 * /api/v1/applications}, a recruiter's first page, direct), three instances of the same jar on free
 * ports, differing only in their environment:
 *
 * <ul>
 *   <li>{@code metrics off}: the HTTP server binder ignores every path ({@code
 *       quarkus.micrometer.binder.http-server.ignore-patterns=/.*}), so no request is timed; the
 *       registry itself stays (the services' own gauges read a cache);
 *   <li>{@code metrics} (as shipped);
 *   <li>{@code metrics + tracing 10 %}: OpenTelemetry on, parent-based 10 % sampler, exporting OTLP
 *       http/protobuf to a sink in this JVM that answers 200.
 * </ul>
 *
 * Each is warmed, then closed-model throughput rounds are interleaved; the medians are compared:
 * goals ≤ 5 % loss with metrics, ≤ 10 % with tracing sampled at 10 % (goal 7 in the table).
 *
 * <p>Options for finding where the cost goes: {@code -Dbench.observability-services=applications}
 * (default {@code gateway,applications}); {@code -Dbench.observability-jfr=DIR}, a JFR recording
 * (profile settings) of each instance, written to {@code DIR/<service>-<variant>.jfr} when it
 * stops; {@code -Dbench.observability-try=NAME=VALUE;NAME=VALUE}, a fourth instance, tracing at 10
 * % plus that environment, to compare a run-time setting in the same interleaved rounds. Each
 * round's line says the machine's load average: on a machine loaded far beyond its cores the
 * instances wait on PostgreSQL (seen at load 30–39: about 20 req/s, executor threads in socket
 * reads from the database), and the ratios then say nothing about observability.
 */
final class ObservabilityCostBench {

  private final Bench bench;

  ObservabilityCostBench(Bench bench) {
    this.bench = bench;
  }

  private static final String TRACED = "metrics + tracing 10 %";
  private static final String TRIAL = "tracing 10 % + try";

  private record Variant(String name, Map<String, String> env) {}

  private record Instance(Variant variant, int port, ManagedProcess process) {}

  void run() throws Exception {
    HttpServer sink = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    sink.createContext(
        "/",
        exchange -> {
          exchange.getRequestBody().readAllBytes();
          exchange.sendResponseHeaders(200, -1);
          exchange.close();
        });
    sink.start();
    try {
      Map<String, String> tracing =
          Map.of(
              "QUARKUS_OTEL_SDK_DISABLED", "false",
              "QUARKUS_OTEL_TRACES_SAMPLER", "parentbased_traceidratio",
              "QUARKUS_OTEL_TRACES_SAMPLER_ARG", "0.1",
              "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_PROTOCOL", "http/protobuf",
              "QUARKUS_OTEL_EXPORTER_OTLP_TRACES_ENDPOINT",
                  "http://127.0.0.1:" + sink.getAddress().getPort());
      List<Variant> variants =
          List.of(
              new Variant(
                  "metrics off",
                  Map.of("QUARKUS_MICROMETER_BINDER_HTTP_SERVER_IGNORE_PATTERNS", "/.*")),
              new Variant("metrics", Map.of()),
              new Variant(TRACED, tracing));
      String trial = System.getProperty("bench.observability-try", "").trim();
      if (!trial.isEmpty()) {
        Map<String, String> env = new HashMap<>(tracing);
        for (String pair : trial.split(";")) {
          String[] kv = pair.split("=", 2);
          env.put(kv[0].trim(), kv.length > 1 ? kv[1].trim() : "");
        }
        variants = new ArrayList<>(variants);
        variants.add(new Variant(TRIAL, env));
        Bench.say("observability: " + TRIAL + " = " + TRACED + " + " + trial);
      }
      List<String> services =
          List.of(
              System.getProperty("bench.observability-services", "gateway,applications")
                  .split(","));
      Map<String, Object> raw = new LinkedHashMap<>();
      String recruiter = "Bearer " + bench.token("recruiter", "bench-observability@ats.local");
      if (services.contains("gateway")) {
        raw.put(
            "gateway",
            measure(AtsService.GATEWAY, variants, Http.Call.get("/api/v1/roles", Map.of())));
      }
      if (services.contains("applications")) {
        raw.put(
            "applications",
            measure(
                AtsService.APPLICATIONS,
                variants,
                Http.Call.get(
                    "/api/v1/applications?limit=20", Map.of("Authorization", recruiter))));
      }
      bench.report.put("observabilityCost", raw);
    } finally {
      sink.stop(0);
    }
  }

  private Map<String, Double> measure(AtsService service, List<Variant> variants, Http.Call call)
      throws Exception {
    List<Instance> instances = new ArrayList<>();
    try {
      for (Variant v : variants) {
        int port = SystemProcesses.freePort();
        Map<String, String> env = new HashMap<>(v.env());
        if (service == AtsService.GATEWAY) {
          env.putAll(IdleAndStartup.UNLIMITED);
        }
        String jfr = System.getProperty("bench.observability-jfr");
        if (jfr != null && !jfr.isBlank()) {
          Path file =
              Path.of(jfr)
                  .toAbsolutePath()
                  .resolve(
                      service.shortName()
                          + "-"
                          + v.name().replaceAll("[^A-Za-z0-9]+", "-").replaceAll("-$", "")
                          + ".jfr");
          Files.createDirectories(file.getParent());
          env.put(
              "JAVA_TOOL_OPTIONS",
              "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename=" + file);
        }
        ManagedProcess process = bench.processesWith(service, port, env).service(service);
        process.start();
        process.awaitReady(
            () -> SystemProcesses.httpStatus(port, AtsService.READY_PATH) == 200,
            SystemProcesses.SERVICE_TIMEOUT);
        instances.add(new Instance(v, port, process));
        Bench.say(service.shortName() + " (" + v.name() + ") on port " + port);
      }
      double warmup = Double.parseDouble(System.getProperty("bench.observability-warmup", "30"));
      Bench.say(service.shortName() + ": warm-up, " + warmup + " s per instance, twice");
      for (int pass = 0; pass < 2; pass++) {
        for (Instance i : instances) {
          bench.http.closed(i.port(), GatewayBench.CONNECTIONS, warmup / 2, n -> call);
        }
      }
      Map<String, List<Double>> rps = new LinkedHashMap<>();
      int rounds = Math.max(3, bench.rounds);
      for (int round = 1; round <= rounds; round++) {
        for (Instance i : instances) {
          Http.Throughput r =
              bench.http.closed(i.port(), GatewayBench.CONNECTIONS, bench.seconds, n -> call);
          rps.computeIfAbsent(i.variant().name(), k -> Bench.list()).add(r.perSecond());
          Bench.say(
              String.format(
                  Locale.ROOT,
                  "round %d %s %-24s %7.0f req/s  %4d failed  (load %.1f)",
                  round,
                  service.shortName(),
                  i.variant().name(),
                  r.perSecond(),
                  r.failed(),
                  ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage()));
        }
      }
      double off = Stats.median(rps.get("metrics off"));
      double metrics = Stats.median(rps.get("metrics"));
      double traced = Stats.median(rps.get(TRACED));
      bench.report.row(
          7,
          "throughput with metrics / without, " + service.shortName(),
          String.format(Locale.ROOT, "%.0f req/s", metrics),
          String.format(Locale.ROOT, "metrics off %.0f req/s", off),
          metrics / off,
          0.95,
          true);
      bench.report.row(
          7,
          "throughput with metrics and tracing at 10 % / without either, " + service.shortName(),
          String.format(Locale.ROOT, "%.0f req/s", traced),
          String.format(Locale.ROOT, "metrics off %.0f req/s", off),
          traced / off,
          0.90,
          true);
      if (rps.containsKey(TRIAL)) {
        double trial = Stats.median(rps.get(TRIAL));
        Bench.say(
            String.format(
                Locale.ROOT,
                "%s: %s %.0f req/s, %.2f of metrics off (%s %.2f)",
                service.shortName(),
                TRIAL,
                trial,
                trial / off,
                TRACED,
                traced / off));
      }
      Map<String, Double> medians = new LinkedHashMap<>();
      rps.forEach((k, v) -> medians.put(k, Stats.median(v)));
      return medians;
    } finally {
      for (Instance i : instances) {
        i.process().stop(Duration.ofSeconds(20));
      }
    }
  }
}
