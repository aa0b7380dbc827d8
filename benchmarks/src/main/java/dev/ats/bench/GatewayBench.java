package dev.ats.bench;

import dev.ats.infra.system.AtsService;
import dev.ats.infra.system.ManagedProcess;
import dev.ats.infra.system.SystemProcesses;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * Goal 2: {@code GET /api/v1/roles} direct to roles-service, through the gateway, and through nginx
 * (Debian's nginx-light, started here on a free port with proxy_pass and upstream keepalive),
 * anonymous and with a bearer JWT.
 *
 * <p>With {@code -Dbench.gateway-baseline=DIR} (a copy of another build's {@code
 * api-gateway/target/quarkus-app}), that gateway runs too, configured like the bench gateway, as
 * target {@code baseline}, interleaved with the others: "gateway / baseline" compares two builds in
 * one run, so the ratio holds on a loaded machine.
 */
final class GatewayBench {

  static final String PATH = "/api/v1/roles";
  static final int CONNECTIONS = Integer.getInteger("bench.connections", 32);

  private final Bench bench;

  GatewayBench(Bench bench) {
    this.bench = bench;
  }

  record Target(String name, int port, List<Long> pids) {}

  void run() throws Exception {
    IdleAndStartup.ensureBenchGateway(bench);
    int rolesPort = bench.ports.of(AtsService.ROLES);
    List<Target> targets = new ArrayList<>();
    targets.add(new Target("direct", rolesPort, List.of()));
    targets.add(
        new Target(
            "gateway", bench.benchGatewayPort, List.of(bench.benchGateway.pid().orElseThrow())));
    ManagedProcess baseline = startBaseline().orElse(null);
    if (baseline != null) {
      targets.add(new Target("baseline", baselinePort, List.of(baseline.pid().orElseThrow())));
    }
    Process nginx = startNginx(rolesPort).orElse(null);
    if (nginx != null) {
      targets.add(new Target("nginx", nginxPort, Stats.withChildren(nginx.pid())));
    }
    try {
      measure(targets);
    } finally {
      if (nginx != null) {
        nginx.destroy();
        nginx.waitFor();
      }
      if (baseline != null) {
        baseline.stop(Duration.ofSeconds(10));
      }
    }
  }

  private int baselinePort;

  /**
   * Another build of the gateway ({@code -Dbench.gateway-baseline}: its {@code quarkus-app}
   * folder), started like the bench gateway (same heap, collector, routes and raised limits), or
   * empty if the property is not set.
   */
  private Optional<ManagedProcess> startBaseline() {
    String dir = System.getProperty("bench.gateway-baseline", "");
    if (dir.isBlank()) {
      return Optional.empty();
    }
    Path jar = Path.of(dir).toAbsolutePath().resolve("quarkus-run.jar");
    if (!Files.isRegularFile(jar)) {
      throw new IllegalArgumentException("bench.gateway-baseline: no " + jar);
    }
    baselinePort = SystemProcesses.freePort();
    SystemProcesses system =
        bench.processesWith(AtsService.GATEWAY, baselinePort, IdleAndStartup.UNLIMITED);
    ManagedProcess process =
        ManagedProcess.named("gateway-baseline")
            .command(SystemProcesses.serviceCommand(jar, "256m"))
            .environment(system.serviceEnvironment(AtsService.GATEWAY))
            .directory(jar.getParent())
            .log(bench.work.resolve("logs/gateway-baseline.log"), true)
            .build();
    process.start();
    process.awaitReady(
        () -> SystemProcesses.httpStatus(baselinePort, AtsService.READY_PATH) == 200,
        SystemProcesses.SERVICE_TIMEOUT);
    Bench.say("gateway baseline " + jar + " on port " + baselinePort);
    return Optional.of(process);
  }

  private int nginxPort;

  private void measure(List<Target> targets) throws Exception {
    String jwt = bench.token("recruiter", "bench-gateway@ats.local");
    Map<String, Map<String, String>> auths =
        Map.of("anonymous", Map.of(), "jwt", Map.of("Authorization", "Bearer " + jwt));
    List<String> authNames = List.of("anonymous", "jwt");
    // The gateway instance has just started: until its JIT has compiled the request path it costs
    // several times what it will (on a busy 2-core machine that takes tens of thousands of
    // requests), so it is warmed by request count; the others (long running) by time.
    double warmup = Double.parseDouble(System.getProperty("bench.warmup-seconds", "5"));
    long warmupRequests = Long.getLong("bench.gateway-warmup-requests", 60_000);
    double warmupLimit = Double.parseDouble(System.getProperty("bench.gateway-warmup-max", "180"));
    Bench.say(
        "gateway: warm-up, "
            + warmup
            + " s per target; the new gateway instance "
            + warmupRequests
            + " requests (at most "
            + warmupLimit
            + " s)");
    for (String auth : authNames) {
      for (Target t : targets) {
        bench.http.closed(t.port(), CONNECTIONS, warmup, i -> Http.Call.get(PATH, auths.get(auth)));
      }
    }
    // The new instances: the bench gateway, and the baseline if there is one (warmed alike).
    List<Target> fresh =
        targets.stream()
            .filter(t -> !t.name().equals("direct") && !t.name().equals("nginx"))
            .toList();
    long warmed = 0;
    long warmStart = System.nanoTime();
    while (warmed < warmupRequests && (System.nanoTime() - warmStart) / 1e9 < warmupLimit) {
      for (String auth : authNames) {
        for (Target t : fresh) {
          long ok =
              bench
                  .http
                  .closed(t.port(), CONNECTIONS, warmup, i -> Http.Call.get(PATH, auths.get(auth)))
                  .ok();
          if (t.name().equals("gateway")) {
            warmed += ok;
          }
        }
      }
    }
    Bench.say(
        String.format(
            Locale.ROOT,
            "gateway: warmed with %d requests in %.0f s",
            warmed,
            (System.nanoTime() - warmStart) / 1e9));
    // throughput, interleaved rounds
    Map<String, List<Double>> rps = new LinkedHashMap<>();
    Map<String, List<Double>> cpu = new LinkedHashMap<>();
    for (int round = 1; round <= bench.rounds; round++) {
      for (String auth : authNames) {
        for (Target t : targets) {
          String key = t.name() + " " + auth;
          long ticks = Stats.cpuTicks(t.pids());
          Http.Throughput r =
              bench.http.closed(
                  t.port(), CONNECTIONS, bench.seconds, i -> Http.Call.get(PATH, auths.get(auth)));
          double micros =
              t.pids().isEmpty()
                  ? Double.NaN
                  : (Stats.cpuTicks(t.pids()) - ticks) / Stats.TICKS * 1e6 / Math.max(1, r.ok());
          rps.computeIfAbsent(key, k -> Bench.list()).add(r.perSecond());
          cpu.computeIfAbsent(key, k -> Bench.list()).add(micros);
          Bench.say(
              String.format(
                  Locale.ROOT,
                  "round %d %-18s %7.0f req/s  %4d failed  cpu %.0f µs/req",
                  round,
                  key,
                  r.perSecond(),
                  r.failed(),
                  micros));
        }
      }
    }
    // constant rate: half the direct maximum
    Map<String, List<Double>> p50 = new LinkedHashMap<>();
    Map<String, List<Double>> p99 = new LinkedHashMap<>();
    Map<String, Double> rates = new LinkedHashMap<>();
    for (String auth : authNames) {
      rates.put(auth, Math.floor(Stats.median(rps.get("direct " + auth)) / 2));
    }
    int latencyRounds = Math.max(2, bench.rounds - 1);
    for (int round = 1; round <= latencyRounds; round++) {
      for (String auth : authNames) {
        for (Target t : targets) {
          String key = t.name() + " " + auth;
          Http.Latency l =
              bench.http.open(
                  t.port(),
                  64,
                  rates.get(auth),
                  bench.seconds * 1.5,
                  i -> Http.Call.get(PATH, auths.get(auth)));
          p50.computeIfAbsent(key, k -> Bench.list()).add(l.p50Micros());
          p99.computeIfAbsent(key, k -> Bench.list()).add(l.p99Micros());
          Bench.say(
              String.format(
                  Locale.ROOT,
                  "round %d %-18s at %.0f/s: p50 %.2f ms p99 %.2f ms (%d failed)",
                  round,
                  key,
                  rates.get(auth),
                  l.p50Micros() / 1000,
                  l.p99Micros() / 1000,
                  l.failed()));
        }
      }
    }
    Map<String, Object> raw = new LinkedHashMap<>();
    for (String key : rps.keySet()) {
      raw.put(
          key,
          Map.of(
              "reqPerSecond",
              Stats.median(rps.get(key)),
              "cpuMicrosPerRequest",
              Stats.median(cpu.get(key)),
              "p50Millis",
              Stats.median(p50.get(key)) / 1000,
              "p99Millis",
              Stats.median(p99.get(key)) / 1000));
    }
    raw.put("constantRates", rates);
    bench.report.put("gateway", raw);

    boolean nginx = targets.stream().anyMatch(t -> t.name().equals("nginx"));
    boolean baseline = targets.stream().anyMatch(t -> t.name().equals("baseline"));
    for (String auth : authNames) {
      double gateway = Stats.median(rps.get("gateway " + auth));
      if (baseline) {
        double base = Stats.median(rps.get("baseline " + auth));
        bench.report.row(
            2,
            "gateway / baseline build throughput, " + auth + " (same run)",
            String.format(
                Locale.ROOT,
                "%.0f req/s, %.0f µs CPU/req",
                gateway,
                Stats.median(cpu.get("gateway " + auth))),
            String.format(
                Locale.ROOT,
                "baseline %.0f req/s, %.0f µs CPU/req, p99 %.2f ms (gateway %.2f ms)",
                base,
                Stats.median(cpu.get("baseline " + auth)),
                Stats.median(p99.get("baseline " + auth)) / 1000,
                Stats.median(p99.get("gateway " + auth)) / 1000),
            gateway / base,
            1.0,
            true);
      }
      double direct = Stats.median(rps.get("direct " + auth));
      double gatewayCpu = Stats.median(cpu.get("gateway " + auth));
      if (nginx) {
        double ng = Stats.median(rps.get("nginx " + auth));
        double ngCpu = Stats.median(cpu.get("nginx " + auth));
        bench.report.row(
            2,
            "gateway / nginx throughput, " + auth,
            String.format(
                Locale.ROOT,
                "%.0f req/s (%.2f × direct), %.0f µs CPU/req",
                gateway,
                gateway / direct,
                gatewayCpu),
            String.format(
                Locale.ROOT,
                "nginx %.0f req/s (%.2f × direct), %.0f µs CPU/req",
                ng,
                ng / direct,
                ngCpu),
            gateway / ng,
            0.85,
            true);
      } else {
        bench.report.row(
            2,
            "gateway / direct throughput, " + auth + " (nginx absent)",
            String.format(Locale.ROOT, "%.0f req/s, %.0f µs CPU/req", gateway, gatewayCpu),
            String.format(Locale.ROOT, "direct %.0f req/s", direct),
            gateway / direct,
            0.85,
            true);
      }
      double gp99 = Stats.median(p99.get("gateway " + auth));
      double dp99 = Stats.median(p99.get("direct " + auth));
      String nginxP99 =
          nginx
              ? String.format(
                  Locale.ROOT, ", nginx p99 %.2f ms", Stats.median(p99.get("nginx " + auth)) / 1000)
              : "";
      bench.report.row(
          2,
          String.format(
              Locale.ROOT, "gateway p99 / direct p99 at %.0f req/s, %s", rates.get(auth), auth),
          String.format(
              Locale.ROOT,
              "p50 %.2f ms, p99 %.2f ms",
              Stats.median(p50.get("gateway " + auth)) / 1000,
              gp99 / 1000),
          String.format(
                  Locale.ROOT,
                  "direct p50 %.2f ms, p99 %.2f ms",
                  Stats.median(p50.get("direct " + auth)) / 1000,
                  dp99 / 1000)
              + nginxP99,
          gp99 / dp99,
          1.5,
          false);
    }
  }

  /** nginx on a free port in front of roles-service, or empty (with a message) if absent. */
  private Optional<Process> startNginx(int upstreamPort) throws Exception {
    Optional<Path> binary =
        List.of("/usr/sbin/nginx", "/usr/bin/nginx", "/usr/local/sbin/nginx").stream()
            .map(Path::of)
            .filter(Files::isExecutable)
            .findFirst();
    if (binary.isEmpty()) {
      Bench.say(
          "nginx not found: skipping the nginx reference (Debian: apt-get install nginx-light)");
      return Optional.empty();
    }
    nginxPort = SystemProcesses.freePort();
    Path dir = Files.createDirectories(bench.work.resolve("nginx"));
    Files.createDirectories(dir.resolve("logs"));
    Files.createDirectories(dir.resolve("tmp"));
    String conf =
        String.join(
            "\n",
            "worker_processes auto;",
            "daemon off;",
            "user root;",
            "pid " + dir.resolve("nginx.pid") + ";",
            "error_log " + dir.resolve("logs/error.log") + " warn;",
            "events { worker_connections 4096; }",
            "http {",
            "  access_log " + dir.resolve("logs/access.log") + " combined buffer=64k flush=1s;",
            "  client_body_temp_path " + dir.resolve("tmp/body") + ";",
            "  proxy_temp_path " + dir.resolve("tmp/proxy") + ";",
            "  fastcgi_temp_path " + dir.resolve("tmp/fastcgi") + ";",
            "  uwsgi_temp_path " + dir.resolve("tmp/uwsgi") + ";",
            "  scgi_temp_path " + dir.resolve("tmp/scgi") + ";",
            "  upstream roles { server 127.0.0.1:" + upstreamPort + "; keepalive 64; }",
            "  server {",
            "    listen 127.0.0.1:" + nginxPort + ";",
            "    location / {",
            "      proxy_pass http://roles;",
            "      proxy_http_version 1.1;",
            "      proxy_set_header Connection \"\";",
            "      proxy_set_header X-Forwarded-For $remote_addr;",
            "    }",
            "  }",
            "}",
            "");
    Path confFile = dir.resolve("nginx.conf");
    Files.writeString(confFile, conf);
    Process process =
        new ProcessBuilder(binary.get().toString(), "-p", dir.toString(), "-c", confFile.toString())
            .redirectErrorStream(true)
            .redirectOutput(new File(dir.resolve("logs/stdout.log").toString()))
            .start();
    long deadline = System.nanoTime() + 10_000_000_000L;
    while (System.nanoTime() < deadline && process.isAlive()) {
      if (SystemProcesses.httpStatus(nginxPort, PATH) == 200) {
        Bench.say("nginx " + binary.get() + " on port " + nginxPort);
        Http.sleep(200); // workers forked
        return Optional.of(process);
      }
      Http.sleep(50);
    }
    process.destroy();
    Bench.say("nginx did not start (see " + dir.resolve("logs") + "): skipping it");
    return Optional.empty();
  }
}
