package dev.ats.bench;

import dev.ats.infra.PostgresServer;
import dev.ats.infra.system.AtsService;
import io.vertx.core.http.HttpMethod;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Goal 3: submissions per second direct to applications-service (closed model) against pgbench
 * replaying the same statements ({@code pgbench-submit.sql}: what one submission sends, captured
 * with {@code log_statement=all}, notification and search refresh included) on copies of the tables
 * in a scratch schema with the same triggers, rounds interleaved.
 */
final class SubmitBench {

  static final int CLIENTS = Integer.getInteger("bench.submit-clients", 8);
  static final String SCHEMA = "bench_pgbench";

  /**
   * The tables a submission writes, its triggers' included; pgbench writes copies of them in {@link
   * #SCHEMA}.
   */
  static final List<String> TABLES =
      List.of(
          "candidate",
          "application",
          "stage_change",
          "outbox_event",
          "pipeline_count_delta",
          "application_report");

  /**
   * The triggers a submission's inserts fire (V11: pipeline counts, report rows), on the copies:
   * their functions name tables unqualified, so under pgbench's search_path they write the copies.
   */
  static final List<String> TRIGGERS =
      List.of(
          "create trigger application_pipeline_count_insert after insert on "
              + SCHEMA
              + ".application referencing new table as inserted for each statement"
              + " execute function public.pipeline_count_inserted()",
          "create trigger stage_change_application_report after insert on "
              + SCHEMA
              + ".stage_change referencing new table as inserted for each statement"
              + " execute function public.application_report_changed()");

  private static final Pattern TPS = Pattern.compile("tps = ([0-9.]+)");

  private final Bench bench;

  SubmitBench(Bench bench) {
    this.bench = bench;
  }

  void run() throws Exception {
    Path script = bench.work.resolve("pgbench-submit.sql");
    try (InputStream in = SubmitBench.class.getResourceAsStream("/pgbench-submit.sql")) {
      Files.write(script, in.readAllBytes());
    }
    Path pgbench = Path.of("/usr/lib/postgresql/15/bin/pgbench");
    if (!Files.isExecutable(pgbench)) {
      pgbench = Path.of("pgbench");
    }
    boolean havePgbench = true;
    try {
      scratchSchema(true);
    } catch (Exception e) {
      Bench.say("pgbench: could not prepare the scratch schema: " + e.getMessage());
      havePgbench = false;
    }
    int port = bench.ports.of(AtsService.APPLICATIONS);
    String run = UUID.randomUUID().toString().substring(0, 8);
    Bench.say("submissions: warm-up");
    bench.http.closed(port, CLIENTS, 3, i -> call("w" + run + "-" + i));
    List<Double> ours = new ArrayList<>();
    List<Double> reference = new ArrayList<>();
    try {
      for (int round = 1; round <= bench.rounds; round++) {
        String r = run + "-" + round;
        Http.Throughput t =
            bench.http.closed(port, CLIENTS, bench.seconds * 1.5, i -> call(r + "-" + i));
        ours.add(t.perSecond());
        double tps = havePgbench ? pgbench(pgbench, script) : Double.NaN;
        reference.add(tps);
        Bench.say(
            String.format(
                Locale.ROOT,
                "round %d submissions %.0f/s (%d failed), pgbench same statements %.0f tps",
                round,
                t.perSecond(),
                t.failed(),
                tps));
      }
    } finally {
      if (havePgbench) {
        scratchSchema(false);
      }
    }
    double s = Stats.median(ours);
    double p = Stats.median(reference);
    Map<String, Object> raw = new LinkedHashMap<>();
    raw.put("submissionsPerSecond", s);
    raw.put("pgbenchTps", p);
    raw.put("clients", CLIENTS);
    bench.report.put("submissions", raw);
    bench.report.row(
        3,
        "submissions/s (direct) / pgbench, same statements",
        String.format(Locale.ROOT, "%.0f submissions/s", s),
        String.format(Locale.ROOT, "pgbench %.0f tps (%d clients)", p, CLIENTS),
        s / p,
        0.50,
        true);
  }

  private Http.Call call(String unique) {
    return new Http.Call(
        HttpMethod.POST,
        "/api/v1/applications",
        Map.of("Content-Type", "application/json"),
        Bench.submission(bench.roleId, unique));
  }

  private void scratchSchema(boolean create) throws Exception {
    Properties props = new Properties();
    props.put("user", PostgresServer.USER);
    props.put("password", PostgresServer.PASSWORD);
    try (Connection c = DriverManager.getConnection(bench.jdbc("applications"), props);
        Statement s = c.createStatement()) {
      s.execute("drop schema if exists " + SCHEMA + " cascade");
      if (create) {
        s.execute("create schema " + SCHEMA);
        for (String table : TABLES) {
          s.execute(
              "create table "
                  + SCHEMA
                  + "."
                  + table
                  + " (like public."
                  + table
                  + " including defaults including constraints including indexes"
                  + " including identity)");
        }
        // the foreign keys the real tables check on every insert
        s.execute(
            "alter table "
                + SCHEMA
                + ".application add foreign key (candidate_id) references "
                + SCHEMA
                + ".candidate (id)");
        s.execute(
            "alter table "
                + SCHEMA
                + ".stage_change add foreign key (application_id) references "
                + SCHEMA
                + ".application (id)");
        for (String trigger : TRIGGERS) {
          s.execute(trigger);
        }
      }
    }
  }

  private double pgbench(Path pgbench, Path script) throws Exception {
    ProcessBuilder pb =
        new ProcessBuilder(
                pgbench.toString(),
                "-n",
                "-h",
                "127.0.0.1",
                "-p",
                String.valueOf(bench.ports.postgres()),
                "-U",
                PostgresServer.USER,
                "-c",
                String.valueOf(CLIENTS),
                "-j",
                "2",
                "-M",
                "prepared",
                "-T",
                String.valueOf((int) Math.ceil(bench.seconds * 1.5)),
                "-D",
                "role=" + bench.roleId,
                "-f",
                script.toString(),
                "applications")
            .redirectErrorStream(true);
    pb.environment().put("PGPASSWORD", PostgresServer.PASSWORD);
    pb.environment().put("PGOPTIONS", "-c search_path=" + SCHEMA + ",public");
    Process p = pb.start();
    String out = Bench.output(p, 60);
    Matcher m = TPS.matcher(out);
    if (!m.find()) {
      Bench.say("pgbench said:\n" + out);
      return Double.NaN;
    }
    return Double.parseDouble(m.group(1));
  }
}
