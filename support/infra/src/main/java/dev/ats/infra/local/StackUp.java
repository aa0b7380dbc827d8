package dev.ats.infra.local;

import dev.ats.infra.system.AtsService;
import dev.ats.infra.system.ManagedProcess;
import dev.ats.infra.system.StartupCache;
import dev.ats.infra.system.SystemProcesses;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * {@code ./ats up}: builds the services when a package is missing or older than its sources, makes
 * the dev key pair, starts PostgreSQL, Kafka and the SMTP sink, then the services, each step shown
 * with its time, and prints where everything is. A process that exits or is not ready in time ends
 * it with the path and the last lines of its log.
 */
record StackUp(StackSettings settings, Console console) {

  /** Builds what is missing, starts what does not run, waits until all is ready. */
  int run() throws Exception {
    long began = System.nanoTime();
    for (Path dir : List.of(settings.logs(), settings.pids(), settings.data(), settings.mail())) {
      Files.createDirectories(dir);
    }
    SystemProcesses system = settings.processes();
    SystemProcesses.Ports ports = system.ports();
    build();

    console.step("Preparing the dev JWT key pair (.ats/keys)");
    console.ok(DevKeys.ensure(settings.keys()) ? "new" : "kept");

    ManagedProcess postgres = system.postgres();
    if (!postgres.alive()) {
      // its JVM was killed hard: the server would hold the port and the data
      new StackDown(settings, console).stopOrphanedPostgres();
    }
    // The services need PostgreSQL and Kafka, not each other: the infrastructure starts at once,
    // then the services, as many at a time as there are pairs of cores (one JVM's start-up keeps
    // about two busy, so on two cores they start one after another).
    startTogether(
        List.of(
            infra(postgres, "PostgreSQL", ports.postgres(), Map.of()),
            infra(
                system.kafka(),
                "Kafka",
                ports.kafka(),
                Map.of(ports.kafkaController(), StackSettings.KAFKA_CONTROLLER_PORT)),
            infra(system.smtp(settings.mail()), "the SMTP sink", ports.smtp(), Map.of())),
        3);
    List<Piece> services = new ArrayList<>();
    for (AtsService service : AtsService.values()) {
      if (!Files.isRegularFile(service.jar(settings.root()))) {
        throw new Console.Failure(
            service.jar(settings.root()) + " is missing: the build did not package it.");
      }
      services.add(
          new Piece(
              system.service(service),
              service.shortName(),
              ports.of(service),
              Map.of(ports.of(service), service.portVariable()),
              p -> p.awaitReady(() -> system.ready(service), SystemProcesses.SERVICE_TIMEOUT),
              SystemProcesses.SERVICE_TIMEOUT));
    }
    trainStartupCaches(system);
    startTogether(services, Math.max(1, Runtime.getRuntime().availableProcessors() / 2));
    printWhereEverythingIs(ports, began);
    return LocalStack.OK;
  }

  /**
   * With a JDK 25+ installed, each service that does not run yet and has no start-up cache for its
   * package gets one (a training run, once per build; {@link SystemProcesses#trainStartupCache}).
   */
  private void trainStartupCaches(SystemProcesses system) {
    Optional<Path> jdk = StartupCache.jdk();
    if (jdk.isEmpty()) {
      return;
    }
    for (AtsService service : AtsService.values()) {
      if (system.service(service).alive() || StartupCache.fresh(service.jar(settings.root()))) {
        continue;
      }
      console.step(
          "Making the start-up cache of "
              + service.shortName()
              + " (JDK "
              + StartupCache.feature(jdk.get())
              + ", once per build)");
      console.ok(
          system.trainStartupCache(service).isPresent()
              ? null
              : "failed: it starts without (.ats/logs/" + service.shortName() + "-training.log)");
    }
  }

  private void printWhereEverythingIs(SystemProcesses.Ports ports, long began) {
    PrintStream out = console.out();
    String c = settings.command();
    String gateway = "http://localhost:" + ports.of(AtsService.GATEWAY);
    out.println();
    out.println(
        console.green
            + console.bold
            + "The ATS is up"
            + console.reset
            + " in "
            + Console.seconds(began)
            + "s.");
    out.println("  Careers page:       " + gateway + "/careers");
    out.println(
        "  Recruiter board:    " + gateway + "/board   (dev sign-in: recruiter or hiring manager)");
    out.println("  Gateway (the API):  " + gateway + "/api/v1/roles");
    out.println("  Swagger UI:         " + gateway + "/q/swagger-ui");
    out.println("  Mail sent:          " + c + " mail   (files in .ats/mail/)");
    out.println(
        "  Metrics:            "
            + c
            + " metrics   (Prometheus: http://localhost:PORT/q/metrics on every service, e.g. "
            + gateway
            + "/q/metrics)");
    out.println(
        "  Logs:               "
            + c
            + " logs gateway   (and roles, applications, notifications, web, kafka, postgres,"
            + " smtp)");
    out.println();
    out.println("Try first:");
    out.println("  " + c + " demo     (the internship posting's roles and a few candidates)");
    out.println("  curl -s " + gateway + "/api/v1/roles");
    if (ManagedProcess.WINDOWS) {
      out.println("  " + c + " token recruiter");
      out.println(
          "  curl -s -H \"Authorization: Bearer <the token>\" " + gateway + "/api/v1/applications");
    } else {
      out.println("  TOKEN=$(" + c + " token recruiter)");
      out.println(
          "  curl -s -H \"Authorization: Bearer $TOKEN\" " + gateway + "/api/v1/applications");
    }
    out.println();
    out.println("Stop everything with " + c + " down (data stays in .ats/data).");
  }

  /**
   * One process of {@code up}: what it is called in the progress output, its ports (and the
   * variable that moves each), and how to wait until it is ready.
   */
  private record Piece(
      ManagedProcess process,
      String what,
      int port,
      Map<Integer, String> ports,
      java.util.function.Consumer<ManagedProcess> awaitReady,
      Duration timeout) {}

  /**
   * Starts {@code pieces}, {@code atOnce} at a time, one progress step per piece while waiting for
   * it. Ports are checked before anything starts.
   */
  /** An infrastructure process: ready when it has written its ready file. */
  private Piece infra(
      ManagedProcess process, String what, int port, Map<Integer, String> otherPorts) {
    Map<Integer, String> ports = new java.util.HashMap<>(otherPorts);
    ports.put(port, StackSettings.variableOf(process.name()));
    return new Piece(
        process,
        what,
        port,
        ports,
        p -> p.awaitReadyFile(SystemProcesses.INFRA_TIMEOUT),
        SystemProcesses.INFRA_TIMEOUT);
  }

  private void startTogether(List<Piece> pieces, int atOnce) {
    List<Piece> running = new ArrayList<>();
    for (Piece piece : pieces) {
      if (piece.process().alive()) {
        running.add(piece);
      } else {
        piece.ports().forEach(StackUp::refuseTakenPort);
      }
    }
    for (int from = 0; from < pieces.size(); from += atOnce) {
      List<Piece> batch = pieces.subList(from, Math.min(pieces.size(), from + atOnce));
      for (Piece piece : batch) {
        if (!running.contains(piece)) {
          piece.process().start();
        }
      }
      for (Piece piece : batch) {
        console.step("Starting " + piece.what() + " on port " + piece.port());
        awaitReady(() -> piece.awaitReady().accept(piece.process()), piece.what(), piece.timeout());
        console.ok(running.contains(piece) ? "already running" : null);
      }
    }
  }

  private static void refuseTakenPort(int port, String variable) {
    if (ManagedProcess.portInUse(port)) {
      throw new Console.Failure(
          "Port " + port + " is taken by another program; stop it or set " + variable + ".");
    }
  }

  private static void awaitReady(Runnable start, String what, Duration timeout) {
    try {
      start.run();
    } catch (ManagedProcess.NotReadyException e) {
      throw new Console.Failure(
          e.exited()
              ? what + " exited."
              : what + " did not become ready within " + timeout.toSeconds() + " s.",
          e.process().log());
    }
  }

  private void build() throws IOException, InterruptedException {
    Optional<String> why = whyBuild(settings.root());
    if (why.isEmpty()) {
      return;
    }
    console.step(
        "Building (./mvnw package, tests skipped; the first build downloads dependencies)");
    Path log = settings.logs().resolve("build.log");
    List<String> command = new ArrayList<>();
    if (ManagedProcess.WINDOWS) {
      command.addAll(List.of("cmd.exe", "/c", settings.root().resolve("mvnw.cmd").toString()));
    } else {
      command.addAll(List.of("sh", settings.root().resolve("mvnw").toString()));
    }
    command.addAll(List.of("-B", "-q", "package", "-DskipTests", "-Dspotless.check.skip=true"));
    Process process =
        new ProcessBuilder(command)
            .directory(settings.root().toFile())
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    process.getOutputStream().close();
    if (process.waitFor() != 0) {
      throw new Console.Failure("The build failed.", log);
    }
    console.ok(why.get());
  }

  /**
   * Why the services must be built first (a jar missing, or older than a pom or a main source of
   * the service or of the support modules it runs with), or nothing.
   */
  static Optional<String> whyBuild(Path root) throws IOException {
    List<Path> shared = new ArrayList<>(List.of(root.resolve("pom.xml")));
    try (Stream<Path> modules = Files.list(root.resolve("support"))) {
      modules
          .filter(Files::isDirectory)
          // ats-infra is test scope for the services (the wrapper rebuilds it for the launcher)
          .filter(m -> !m.getFileName().toString().equals("infra"))
          .sorted()
          .forEach(m -> shared.addAll(List.of(m.resolve("pom.xml"), m.resolve("src/main"))));
    }
    for (AtsService service : AtsService.values()) {
      Path jar = service.jar(root);
      if (!Files.isRegularFile(jar)) {
        return Optional.of(service.module() + " was not packaged yet");
      }
      FileTime built = Files.getLastModifiedTime(jar);
      List<Path> inputs = new ArrayList<>(shared);
      inputs.add(root.resolve(service.module()).resolve("pom.xml"));
      inputs.add(root.resolve(service.module()).resolve("src/main"));
      for (Path input : inputs) {
        Optional<Path> newer = newerFile(input, built);
        if (newer.isPresent()) {
          return Optional.of(root.relativize(newer.get()) + " changed");
        }
      }
    }
    return Optional.empty();
  }

  private static Optional<Path> newerFile(Path input, FileTime than) throws IOException {
    if (!Files.exists(input)) {
      return Optional.empty();
    }
    try (Stream<Path> files = Files.walk(input)) {
      return files
          .filter(
              f ->
                  !f.toString()
                      .contains(java.io.File.separator + "target" + java.io.File.separator))
          .filter(Files::isRegularFile)
          .filter(
              f -> {
                try {
                  return Files.getLastModifiedTime(f).compareTo(than) > 0;
                } catch (IOException e) {
                  return false;
                }
              })
          .findFirst();
    }
  }
}
