package dev.ats.infra.local;

import dev.ats.infra.system.AtsService;
import dev.ats.infra.system.ManagedProcess;
import dev.ats.infra.system.SystemProcesses;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * {@code ./ats down}: stops every process that {@code ./ats up} started and nothing else (found by
 * its pid file; SIGTERM, then SIGKILL after 30 s), the services before the infrastructure they use,
 * then a PostgreSQL server whose JVM was killed hard, by the {@code postmaster.pid} in its data
 * folder.
 */
record StackDown(StackSettings settings, Console console) {

  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  /**
   * Stops what {@code up} started: the services at once (they need nothing from each other), then
   * the SMTP sink, Kafka and PostgreSQL at once; then an orphaned PostgreSQL.
   */
  int run() throws IOException {
    SystemProcesses system = settings.processes();
    List<AtsService> services = new ArrayList<>(Arrays.asList(AtsService.values()));
    Collections.reverse(services);
    List<ManagedProcess> first = new ArrayList<>();
    services.forEach(s -> first.add(system.service(s)));
    stop(first);
    stop(List.of(system.smtp(settings.mail()), system.kafka(), system.postgres()));
    stopOrphanedPostgres();
    console
        .out()
        .println("Stopped. Data kept in .ats/data (delete that folder for a fresh start).");
    return LocalStack.OK;
  }

  /** Stops those of {@code processes} that have a pid file, together, one step each. */
  private void stop(List<ManagedProcess> processes) {
    ExecutorService stopping = Executors.newCachedThreadPool();
    try {
      Map<ManagedProcess, Future<Boolean>> stopped = new LinkedHashMap<>();
      for (ManagedProcess process : processes) {
        if (Files.exists(settings.pids().resolve(process.name() + ".pid"))) {
          stopped.put(process, stopping.submit(() -> process.stop(STOP_GRACE)));
        }
      }
      for (var entry : stopped.entrySet()) {
        console.step("Stopping " + entry.getKey().name());
        boolean graceful = join(entry.getValue());
        console.ok(graceful ? null : "did not stop in " + STOP_GRACE.toSeconds() + " s; killed");
      }
    } finally {
      stopping.shutdown();
    }
  }

  private static boolean join(Future<Boolean> stop) {
    try {
      return stop.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new Console.Failure("interrupted");
    } catch (ExecutionException e) {
      throw new Console.Failure("could not stop: " + e.getCause());
    }
  }

  /** A PostgreSQL server whose JVM was killed hard keeps running: stop it by its own pid file. */
  void stopOrphanedPostgres() throws IOException {
    Optional<ProcessHandle> server = orphanedPostgres();
    if (server.isEmpty()) {
      return;
    }
    long pid = server.get().pid();
    console.step("Stopping the orphaned PostgreSQL server (pid " + pid + ")");
    ProcessHandle postmaster = server.get();
    if (!fastShutdown(pid)) {
      postmaster.destroy();
    }
    try {
      postmaster.onExit().get(30, java.util.concurrent.TimeUnit.SECONDS);
      console.ok();
    } catch (Exception e) {
      postmaster.destroyForcibly();
      console.ok("did not stop in 30 s; killed");
    }
  }

  /**
   * The PostgreSQL server of {@code .ats/data/postgres}, by the pid file it keeps there, if it runs
   * although its JVM does not (that JVM was killed hard).
   */
  Optional<ProcessHandle> orphanedPostgres() throws IOException {
    Path pidFile = settings.data().resolve("postgres").resolve("postmaster.pid");
    if (!Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    List<String> lines = Files.readAllLines(pidFile);
    try {
      return ProcessHandle.of(Long.parseLong(lines.isEmpty() ? "" : lines.get(0).trim()))
          .filter(ProcessHandle::isAlive)
          // after a reboot the pid may belong to anything else: only a postgres is ours
          .filter(
              p ->
                  p.info()
                      .command()
                      .map(c -> c.toLowerCase(Locale.ROOT).contains("postgres"))
                      .orElse(false));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** SIGINT, PostgreSQL's fast shutdown (SIGTERM would wait for every client to leave). */
  private static boolean fastShutdown(long pid) {
    if (ManagedProcess.WINDOWS) {
      return false;
    }
    try {
      return new ProcessBuilder("kill", "-INT", String.valueOf(pid)).start().waitFor() == 0;
    } catch (IOException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }
}
