package dev.ats.bench;

import dev.ats.infra.system.AtsService;
import dev.ats.infra.system.ManagedProcess;
import dev.ats.infra.system.SystemProcesses;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Goal 5 (idle CPU per service) and goal 6 (process start to first answer, RSS). */
final class IdleAndStartup {

  /** The gateway's limits for this run only: the defaults are never edited. */
  static final Map<String, String> UNLIMITED =
      Map.of(
          "ATS_GATEWAY_RATE_LIMIT_ANONYMOUS_LIMIT", "100000000",
          "ATS_GATEWAY_RATE_LIMIT_AUTHENTICATED_LIMIT", "100000000",
          "ATS_GATEWAY_RATE_LIMIT_ANONYMOUS_SUBMIT_LIMIT", "100000000");

  private final Bench bench;

  IdleAndStartup(Bench bench) {
    this.bench = bench;
  }

  void idle() throws Exception {
    int seconds = Integer.getInteger("bench.idle-seconds", 60);
    // A service that started moments ago is still compiling its start-up code: that is not idle.
    long settle = Long.getLong("bench.idle-settle-seconds", 180);
    long youngest = Long.MAX_VALUE;
    for (AtsService s : AtsService.values()) {
      youngest =
          Math.min(
              youngest,
              ProcessHandle.of(bench.stackPid(s.shortName()))
                  .flatMap(p -> p.info().startInstant())
                  .map(t -> java.time.Duration.between(t, java.time.Instant.now()).toSeconds())
                  .orElse(settle));
    }
    if (youngest < settle) {
      Bench.say(
          "idle: the stack started "
              + youngest
              + " s ago; waiting until it is "
              + settle
              + " s old");
      Http.sleep((settle - youngest) * 1000);
    }
    Bench.say("idle CPU of each service over " + seconds + " s (nothing else is sent)");
    Map<AtsService, List<Long>> pids = new LinkedHashMap<>();
    Map<AtsService, Long> before = new LinkedHashMap<>();
    for (AtsService s : AtsService.values()) {
      List<Long> p = Stats.withChildren(bench.stackPid(s.shortName()));
      pids.put(s, p);
      before.put(s, Stats.cpuTicks(p));
    }
    long start = System.nanoTime();
    Http.sleep(seconds * 1000L);
    double elapsed = (System.nanoTime() - start) / 1e9;
    Map<String, Object> raw = new LinkedHashMap<>();
    for (AtsService s : AtsService.values()) {
      double percent = (Stats.cpuTicks(pids.get(s)) - before.get(s)) / Stats.TICKS / elapsed * 100;
      raw.put(s.shortName(), percent);
      bench.report.row(
          5,
          "idle CPU, " + s.shortName(),
          String.format(Locale.ROOT, "%.2f %% of a core", percent),
          seconds + " s",
          percent,
          1.0,
          false);
    }
    bench.report.put("idleCpuPercent", raw);
  }

  void startup() {
    Map<String, Object> raw = new LinkedHashMap<>();
    for (AtsService s : AtsService.values()) {
      boolean gateway = s == AtsService.GATEWAY;
      int port = SystemProcesses.freePort();
      SystemProcesses system = bench.processesWith(s, port, gateway ? UNLIMITED : Map.of());
      ManagedProcess process = system.service(s);
      Bench.say("starting a second " + s.shortName() + " on port " + port);
      long start = System.nanoTime();
      process.start();
      long pid = process.pid().orElseThrow();
      long deadline = start + SystemProcesses.SERVICE_TIMEOUT.toNanos();
      double seconds = Double.NaN;
      while (System.nanoTime() < deadline && process.alive()) {
        if (SystemProcesses.httpStatus(port, s.readyPath()) == 200) {
          seconds = (System.nanoTime() - start) / 1e9;
          break;
        }
        Http.sleep(20);
      }
      double rss = Stats.rssMb(pid).orElse(Double.NaN);
      raw.put(s.shortName(), Map.of("seconds", seconds, "rssMb", rss));
      bench.report.row(
          6,
          "start-up, " + s.shortName(),
          String.format(Locale.ROOT, "%.1f s to ready", seconds),
          String.format(
              Locale.ROOT,
              "RSS %.0f MB, %s",
              rss,
              dev.ats.infra.system.StartupCache.describe(s.jar(bench.root))),
          seconds,
          5.0,
          false);
      if (gateway && !Double.isNaN(seconds)) {
        bench.benchGateway = process;
        bench.benchGatewayPort = port;
      } else {
        process.stop(Duration.ofSeconds(20));
      }
    }
    bench.report.put("startup", raw);
  }

  /**
   * {@code -Dbench.startup-ab=N}: N rounds per service of each way a service can start, interleaved
   * (one start of each per round), so that their difference shows through a busy machine's noise:
   * JDK 17 without a class-data archive, JDK 17 with the build's AppCDS archive ({@code
   * app-cds.jsa}), and, when a JDK 25+ and a fresh start-up cache ({@code app.aot}, made by {@code
   * ./ats up}) exist, JDK 25 with it. Medians of process start to readiness 200 and the RSS then;
   * reported beside the table, not as a goal row.
   */
  void startupWithAndWithoutArchive() throws Exception {
    int rounds = Integer.getInteger("bench.startup-ab", 0);
    if (rounds <= 0) {
      return;
    }
    String heap = "256m";
    Map<String, Object> raw = new LinkedHashMap<>();
    for (AtsService s : AtsService.values()) {
      java.nio.file.Path jar = s.jar(bench.root);
      Map<String, List<String>> ways = new LinkedHashMap<>();
      List<String> plain = new java.util.ArrayList<>(SystemProcesses.appCdsCommand(jar, heap));
      plain.removeIf(a -> a.startsWith("-XX:SharedArchiveFile") || a.startsWith("-Xshare"));
      ways.put("jdk17", plain);
      ways.put("jdk17-appcds", SystemProcesses.appCdsCommand(jar, heap));
      if (dev.ats.infra.system.StartupCache.jdk().isPresent()
          && dev.ats.infra.system.StartupCache.fresh(jar)) {
        ways.put("jdk25-aot", SystemProcesses.serviceCommand(jar, heap));
      }
      Map<String, List<Double>> seconds = new LinkedHashMap<>();
      Map<String, List<Double>> rss = new LinkedHashMap<>();
      for (int round = 0; round < rounds; round++) {
        for (Map.Entry<String, List<String>> way : ways.entrySet()) {
          int port = SystemProcesses.freePort();
          SystemProcesses system = bench.processesWith(s, port, Map.of());
          ProcessBuilder pb =
              new ProcessBuilder(way.getValue())
                  .directory(jar.getParent().toFile())
                  .redirectErrorStream(true)
                  .redirectOutput(
                      bench
                          .work
                          .resolve("logs/ab-" + s.shortName() + "-" + way.getKey() + ".log")
                          .toFile());
          pb.environment().putAll(system.serviceEnvironment(s));
          long start = System.nanoTime();
          Process p = pb.start();
          double took = Double.NaN;
          while (p.isAlive() && System.nanoTime() - start < 180e9) {
            if (SystemProcesses.httpStatus(port, s.readyPath()) == 200) {
              took = (System.nanoTime() - start) / 1e9;
              break;
            }
            Http.sleep(20);
          }
          double mb = Stats.rssMb(p.pid()).orElse(Double.NaN);
          p.destroy();
          p.waitFor();
          seconds.computeIfAbsent(way.getKey(), k -> new java.util.ArrayList<>()).add(took);
          rss.computeIfAbsent(way.getKey(), k -> new java.util.ArrayList<>()).add(mb);
          Bench.say(
              String.format(
                  Locale.ROOT,
                  "start-up %s, %s: %.1f s, RSS %.0f MB",
                  s.shortName(),
                  way.getKey(),
                  took,
                  mb));
        }
      }
      Map<String, Object> medians = new LinkedHashMap<>();
      for (String way : ways.keySet()) {
        medians.put(
            way,
            Map.of("seconds", Stats.median(seconds.get(way)), "rssMb", Stats.median(rss.get(way))));
      }
      raw.put(s.shortName(), medians);
    }
    bench.report.put("startupWays", raw);
  }

  /** The gateway instance the gateway section measures (started here unless startup did). */
  static void ensureBenchGateway(Bench bench) {
    if (bench.benchGateway != null) {
      return;
    }
    int port = SystemProcesses.freePort();
    ManagedProcess process =
        bench.processesWith(AtsService.GATEWAY, port, UNLIMITED).service(AtsService.GATEWAY);
    process.start();
    process.awaitReady(
        () -> SystemProcesses.httpStatus(port, AtsService.READY_PATH) == 200,
        SystemProcesses.SERVICE_TIMEOUT);
    bench.benchGateway = process;
    bench.benchGatewayPort = port;
  }
}
