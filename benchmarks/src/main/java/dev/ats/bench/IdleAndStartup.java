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
    Map<AtsService, Map<Long, ThreadSample>> threadsBefore = new LinkedHashMap<>();
    Map<String, Long> transactionsBefore = transactionsPerDatabase();
    for (AtsService s : AtsService.values()) {
      List<Long> p = Stats.withChildren(bench.stackPid(s.shortName()));
      pids.put(s, p);
      before.put(s, Stats.cpuTicks(p));
      threadsBefore.put(s, threads(p.get(0)));
    }
    long start = System.nanoTime();
    Http.sleep(seconds * 1000L);
    double elapsed = (System.nanoTime() - start) / 1e9;
    Map<AtsService, Map<Long, ThreadSample>> threadsAfter = new LinkedHashMap<>();
    for (AtsService s : AtsService.values()) {
      threadsAfter.put(s, threads(pids.get(s).get(0)));
    }
    Map<String, Long> transactionsAfter = transactionsPerDatabase();
    Map<String, Object> raw = new LinkedHashMap<>();
    Map<String, Object> wakeUps = new LinkedHashMap<>();
    for (AtsService s : AtsService.values()) {
      double percent = (Stats.cpuTicks(pids.get(s)) - before.get(s)) / Stats.TICKS / elapsed * 100;
      raw.put(s.shortName(), percent);
      Map<String, Object> service = new LinkedHashMap<>();
      service.put("cpuPercent", percent);
      String database = s.database().orElse(null);
      if (database != null
          && transactionsBefore.containsKey(database)
          && transactionsAfter.containsKey(database)) {
        service.put(
            "databaseTransactionsPerMinute",
            Math.round(
                (transactionsAfter.get(database) - transactionsBefore.get(database))
                    * 60
                    / elapsed));
      }
      service.put(
          "threads",
          threadTable(s, pids.get(s).get(0), threadsBefore.get(s), threadsAfter.get(s), elapsed));
      wakeUps.put(s.shortName(), service);
      bench.report.row(
          5,
          "idle CPU, " + s.shortName(),
          String.format(Locale.ROOT, "%.2f %% of a core", percent),
          seconds
              + " s"
              + (service.containsKey("databaseTransactionsPerMinute")
                  ? ", " + service.get("databaseTransactionsPerMinute") + " db transactions/min"
                  : ""),
          percent,
          1.0,
          false);
    }
    bench.report.put("idleCpuPercent", raw);
    bench.report.put("idleWakeUps", wakeUps);
  }

  // --- what wakes an idle service (per thread, from /proc; names from jcmd Thread.print) --------

  /** One thread's counters: CPU ticks (utime + stime) and context switches (its wake-ups). */
  private record ThreadSample(String comm, long ticks, long switches) {}

  /** Every thread of the process, by native thread id. */
  private static Map<Long, ThreadSample> threads(long pid) {
    Map<Long, ThreadSample> threads = new LinkedHashMap<>();
    java.nio.file.Path tasks = java.nio.file.Path.of("/proc", String.valueOf(pid), "task");
    try (var dirs = java.nio.file.Files.list(tasks)) {
      for (java.nio.file.Path task : (Iterable<java.nio.file.Path>) dirs::iterator) {
        try {
          String stat = java.nio.file.Files.readString(task.resolve("stat"));
          String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
          long ticks = Long.parseLong(f[11]) + Long.parseLong(f[12]);
          long switches = 0;
          for (String line : java.nio.file.Files.readAllLines(task.resolve("status"))) {
            if (line.startsWith("voluntary_ctxt_switches:")
                || line.startsWith("nonvoluntary_ctxt_switches:")) {
              switches += Long.parseLong(line.substring(line.indexOf(':') + 1).trim());
            }
          }
          String comm = java.nio.file.Files.readString(task.resolve("comm")).trim();
          threads.put(
              Long.parseLong(task.getFileName().toString()),
              new ThreadSample(comm, ticks, switches));
        } catch (java.io.IOException | RuntimeException e) {
          // the thread ended meanwhile
        }
      }
    } catch (java.io.IOException e) {
      // the process is gone
    }
    return threads;
  }

  /**
   * The threads that ran during the window, grouped by name (numbers replaced by {@code #}), with
   * their wake-ups (context switches) and CPU per minute, most wake-ups first; printed too.
   */
  private static List<Map<String, Object>> threadTable(
      AtsService service,
      long pid,
      Map<Long, ThreadSample> before,
      Map<Long, ThreadSample> after,
      double elapsed) {
    Map<Long, String> names = javaThreadNames(pid);
    Map<String, double[]> groups = new java.util.TreeMap<>();
    for (Map.Entry<Long, ThreadSample> e : after.entrySet()) {
      ThreadSample was = before.get(e.getKey());
      long ticks = e.getValue().ticks() - (was == null ? 0 : was.ticks());
      long switches = e.getValue().switches() - (was == null ? 0 : was.switches());
      if (ticks <= 0 && switches <= 0) {
        continue;
      }
      String name = names.getOrDefault(e.getKey(), e.getValue().comm()).replaceAll("\\d+", "#");
      double[] g = groups.computeIfAbsent(name, k -> new double[3]);
      g[0] += switches * 60 / elapsed;
      g[1] += ticks * 10.0 * 60 / elapsed; // ms of CPU per minute (a tick is 10 ms)
      g[2]++;
    }
    List<Map<String, Object>> rows = new java.util.ArrayList<>();
    groups.entrySet().stream()
        .sorted((a, b) -> Double.compare(b.getValue()[0], a.getValue()[0]))
        .forEach(
            e -> {
              Map<String, Object> row = new LinkedHashMap<>();
              row.put("thread", e.getKey());
              row.put("threads", (int) e.getValue()[2]);
              row.put("wakeUpsPerMinute", Math.round(e.getValue()[0]));
              row.put("cpuMsPerMinute", Math.round(e.getValue()[1]));
              rows.add(row);
            });
    StringBuilder line = new StringBuilder("idle wake-ups/min (CPU ms/min) of ");
    line.append(service.shortName()).append(':');
    rows.stream()
        .limit(Integer.getInteger("bench.idle-threads", 12))
        .forEach(
            r ->
                line.append(
                    String.format(
                        Locale.ROOT,
                        "%n    %6d (%5d)  %s%s",
                        (Long) r.get("wakeUpsPerMinute"),
                        (Long) r.get("cpuMsPerMinute"),
                        r.get("thread"),
                        (Integer) r.get("threads") > 1 ? " x" + r.get("threads") : "")));
    Bench.say(line.toString());
    return rows;
  }

  /**
   * Java thread names by native id, from {@code jcmd PID Thread.print} (taken after the window: the
   * attach starts a thread in the service). Empty when jcmd is missing; /proc's 15-character names
   * are used then.
   */
  private static Map<Long, String> javaThreadNames(long pid) {
    Map<Long, String> names = new java.util.HashMap<>();
    java.util.regex.Pattern header =
        java.util.regex.Pattern.compile("^\"(.*)\" .*\\bnid=(0x[0-9a-f]+|\\d+)\\b.*");
    try {
      Process p =
          new ProcessBuilder("jcmd", String.valueOf(pid), "Thread.print")
              .redirectErrorStream(true)
              .start();
      for (String line : Bench.output(p, 30).split("\n")) {
        java.util.regex.Matcher m = header.matcher(line);
        if (m.matches()) {
          String nid = m.group(2);
          names.put(
              nid.startsWith("0x") ? Long.parseLong(nid.substring(2), 16) : Long.parseLong(nid),
              m.group(1));
        }
      }
    } catch (Exception e) {
      Bench.say("idle: no thread names from jcmd (" + e.getMessage() + "); /proc's are used");
    }
    return names;
  }

  /** Committed and rolled-back transactions so far, per database (pg_stat_database). */
  private Map<String, Long> transactionsPerDatabase() {
    Map<String, Long> counts = new LinkedHashMap<>();
    java.util.Properties db = new java.util.Properties();
    db.put("user", dev.ats.infra.PostgresServer.USER);
    db.put("password", dev.ats.infra.PostgresServer.PASSWORD);
    try (java.sql.Connection c = java.sql.DriverManager.getConnection(bench.jdbc("postgres"), db);
        java.sql.ResultSet rs =
            c.createStatement()
                .executeQuery(
                    "select datname, xact_commit + xact_rollback from pg_stat_database"
                        + " where datname is not null")) {
      while (rs.next()) {
        counts.put(rs.getString(1), rs.getLong(2));
      }
    } catch (java.sql.SQLException e) {
      Bench.say("idle: no transaction counts (" + e.getMessage() + ")");
    }
    return counts;
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
