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
          String.format(Locale.ROOT, "RSS %.0f MB", rss),
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
   * {@code -Dbench.startup-ab=N}: N paired rounds per service of a start with the AppCDS archive
   * and one without (same command otherwise), interleaved, so that the archive's effect shows
   * through a busy machine's noise. Reported beside the table, not as a goal row.
   */
  void startupWithAndWithoutArchive() throws Exception {
    int rounds = Integer.getInteger("bench.startup-ab", 0);
    if (rounds <= 0) {
      return;
    }
    Map<String, Object> raw = new LinkedHashMap<>();
    for (AtsService s : AtsService.values()) {
      java.nio.file.Path jar = s.jar(bench.root);
      if (!java.nio.file.Files.isRegularFile(jar.resolveSibling("app-cds.jsa"))) {
        continue;
      }
      List<Double> with = new java.util.ArrayList<>();
      List<Double> without = new java.util.ArrayList<>();
      for (int round = 0; round < rounds; round++) {
        for (boolean archive : new boolean[] {true, false}) {
          int port = SystemProcesses.freePort();
          SystemProcesses system = bench.processesWith(s, port, Map.of());
          List<String> command =
              new java.util.ArrayList<>(SystemProcesses.serviceCommand(jar, "256m"));
          if (!archive) {
            command.removeIf(a -> a.startsWith("-XX:SharedArchiveFile") || a.startsWith("-Xshare"));
          }
          ProcessBuilder pb =
              new ProcessBuilder(command)
                  .directory(jar.getParent().toFile())
                  .redirectErrorStream(true)
                  .redirectOutput(bench.work.resolve("logs/ab-" + s.shortName() + ".log").toFile());
          pb.environment().putAll(system.serviceEnvironment(s));
          long start = System.nanoTime();
          Process p = pb.start();
          double seconds = Double.NaN;
          while (p.isAlive() && System.nanoTime() - start < 180e9) {
            if (SystemProcesses.httpStatus(port, s.readyPath()) == 200) {
              seconds = (System.nanoTime() - start) / 1e9;
              break;
            }
            Http.sleep(20);
          }
          p.destroy();
          p.waitFor();
          (archive ? with : without).add(seconds);
          Bench.say(
              String.format(
                  Locale.ROOT,
                  "start-up %s %s the archive: %.1f s",
                  s.shortName(),
                  archive ? "with" : "without",
                  seconds));
        }
      }
      raw.put(
          s.shortName(),
          Map.of("withArchive", Stats.median(with), "withoutArchive", Stats.median(without)));
    }
    bench.report.put("startupWithAndWithoutArchive", raw);
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
