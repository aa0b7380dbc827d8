package dev.ats.infra.local;

import dev.ats.infra.system.AtsService;
import dev.ats.infra.system.ManagedProcess;
import dev.ats.infra.system.SystemProcesses;
import jakarta.mail.Message;
import jakarta.mail.Session;
import jakarta.mail.internet.InternetAddress;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The local stack: PostgreSQL, Kafka, an SMTP sink and the four services as background processes,
 * with nothing installed but a JDK 17. {@code ./ats} (POSIX sh) and {@code ats.cmd} (Windows) only
 * find Java, build support/infra when needed and run this class through {@link Bootstrap}.
 *
 * <pre>
 *   up                 build what is missing, start everything, wait until every service is ready
 *   down               stop every process that ./ats started (and nothing else)
 *   status             what runs, on which port, and whether it is ready
 *   logs NAME          follow one log
 *   token GROUP [SUB]  print a bearer token (GROUP: recruiter, hiring-manager, integration)
 *   mail               list the messages the SMTP sink received
 *   demo               load the internship posting's roles and a few candidates
 *   keys [DIR]         make the dev JWT key pair (up does it)
 * </pre>
 *
 * <p>Data, logs, pid files and keys live in {@code .ats/} below the repository and survive down/up.
 * Exit codes: 0 done, 1 failed (the message says why, with the last lines of the log that explains
 * it), 2 usage. What the processes are and how they start is {@link SystemProcesses}'s, the same
 * code the system tests use.
 *
 * <p>Also the main class of the infrastructure processes themselves ({@code postgres DATA_DIR PORT
 * DB...}, {@code kafka DATA_DIR PORT CONTROLLER_PORT}, {@code smtp PORT MAIL_DIR}; see {@link
 * InfraServers}).
 */
public final class LocalStack {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

  private static final Duration STOP_GRACE = Duration.ofSeconds(30);

  private final StackSettings settings;
  private final Console console;

  LocalStack(StackSettings settings, Console console) {
    this.settings = settings;
    this.console = console;
  }

  public static void main(String[] args) throws Exception {
    if (args.length > 0) {
      switch (args[0]) {
        case "postgres":
          InfraServers.postgres(args);
          return;
        case "kafka":
          InfraServers.kafka(args);
          return;
        case "smtp":
          InfraServers.smtp(args);
          return;
        default:
          break;
      }
    }
    Path root = Path.of(System.getProperty("ats.root", ".")).toAbsolutePath().normalize();
    String command = System.getProperty("ats.command", "./ats");
    Map<String, String> env = System.getenv();
    Console console = new Console(System.out, System.err, Console.colourWanted(env));
    System.exit(run(args, new StackSettings(root, root.resolve(".ats"), env, command), console));
  }

  /**
   * Runs one command as {@code ./ats} would, with its state in {@code state} instead of {@code
   * root/.ats} and the ports and settings of {@code env} (for tests: the system tests run {@code
   * up}, {@code status}, {@code demo} and {@code down} this way).
   *
   * @return the exit code
   */
  public static int run(
      List<String> args,
      Path root,
      Path state,
      Map<String, String> env,
      PrintStream out,
      PrintStream err) {
    return run(
        args.toArray(String[]::new),
        new StackSettings(root, state, env, "./ats"),
        new Console(out, err, false));
  }

  /**
   * The environment that puts the local stack on {@code ports}: {@code ATS_PG_PORT}, {@code
   * ATS_KAFKA_PORT}, {@code ATS_KAFKA_CONTROLLER_PORT}, {@code ATS_SMTP_PORT} and each service's
   * {@code ATS_<NAME>_PORT}.
   */
  public static Map<String, String> portEnvironment(SystemProcesses.Ports ports) {
    Map<String, String> env = new java.util.LinkedHashMap<>();
    env.put(StackSettings.PG_PORT, String.valueOf(ports.postgres()));
    env.put(StackSettings.KAFKA_PORT, String.valueOf(ports.kafka()));
    env.put(StackSettings.KAFKA_CONTROLLER_PORT, String.valueOf(ports.kafkaController()));
    env.put(StackSettings.SMTP_PORT, String.valueOf(ports.smtp()));
    for (AtsService service : AtsService.values()) {
      env.put(service.portVariable(), String.valueOf(ports.of(service)));
    }
    return env;
  }

  /** Runs one command; returns its exit code. */
  static int run(String[] args, StackSettings settings, Console console) {
    LocalStack stack = new LocalStack(settings, console);
    String command = args.length == 0 ? "" : args[0];
    List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
    try {
      switch (command) {
        case "up":
          return stack.alone(stack::up);
        case "down":
          return stack.alone(stack::down);
        case "status":
          return stack.status();
        case "logs":
          return stack.logs(rest);
        case "token":
          return stack.token(rest);
        case "mail":
          return stack.mail();
        case "demo":
          return stack.demo();
        case "keys":
          return stack.keys(rest);
        case "help":
        case "-h":
        case "--help":
          console.out().print(stack.usage());
          return OK;
        default:
          if (!command.isEmpty()) {
            console.err().println("unknown command: " + command);
          }
          console.err().print(stack.usage());
          return USAGE;
      }
    } catch (Console.Failure failure) {
      console.failed(failure);
      return FAILED;
    } catch (Exception e) {
      console.failed(new Console.Failure(e.toString()));
      return FAILED;
    }
  }

  private interface Command {
    int run() throws Exception;
  }

  /**
   * Runs {@code up} or {@code down} while no other does: two at once would each start (or stop) the
   * same processes and lose track of some.
   */
  private int alone(Command command) throws Exception {
    Files.createDirectories(settings.state());
    try (FileChannel channel =
            FileChannel.open(
                settings.state().resolve("launcher.lock"),
                StandardOpenOption.CREATE,
                StandardOpenOption.WRITE);
        FileLock lock = tryLock(channel)) {
      if (lock == null) {
        throw new Console.Failure(
            "Another "
                + settings.command()
                + " up or down is running on "
                + settings.state()
                + "; wait until it is done.");
      }
      return command.run();
    }
  }

  private static FileLock tryLock(FileChannel channel) throws IOException {
    try {
      return channel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      return null; // held by this JVM
    }
  }

  private String usage() {
    String c = settings.command();
    return String.join(
        "\n",
        "usage: " + c + " COMMAND",
        "  up                 build what is missing, start everything, wait until every service is"
            + " ready",
        "  down               stop every process that " + c + " started (and nothing else)",
        "  status             what runs, on which port, and whether it is ready",
        "  logs NAME          follow one log (" + String.join(", ", names()) + ")",
        "  token GROUP [SUB]  print a bearer token (GROUP: recruiter, hiring-manager, integration)",
        "  mail               list the messages the SMTP sink received",
        "  demo               load the internship posting's roles and a few candidates (after "
            + c
            + " up)",
        "  keys               make the dev JWT key pair in .ats/keys (up does it)",
        "",
        "Ports move with ATS_PG_PORT (15432), ATS_KAFKA_PORT (19092), ATS_KAFKA_CONTROLLER_PORT"
            + " (19093),",
        "ATS_SMTP_PORT (2525), "
            + Arrays.stream(AtsService.values())
                .map(s -> s.portVariable() + " (" + s.defaultPort() + ")")
                .collect(Collectors.joining(", "))
            + ".",
        "ATS_ANONYMOUS_SUBMIT_LIMIT (1000) loosens the gateway's per-address limit on anonymous"
            + " submits.",
        "Data, logs and keys live in .ats/ (git-ignored) and survive down/up.",
        "");
  }

  /** Every process, in start order. */
  private static List<String> names() {
    List<String> names =
        new ArrayList<>(
            List.of(SystemProcesses.POSTGRES, SystemProcesses.KAFKA, SystemProcesses.SMTP));
    Arrays.stream(AtsService.values()).map(AtsService::shortName).forEach(names::add);
    return names;
  }

  // --- up ---------------------------------------------------------------------------------------

  private int up() throws Exception {
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
      stopOrphanedPostgres(); // its JVM was killed hard: it would hold the port and the data
    }
    // The services need PostgreSQL and Kafka, not each other: the infrastructure starts at once,
    // then the services, as many at a time as there are pairs of cores (one JVM's start-up keeps
    // about two busy, so on two cores they start one after another).
    startTogether(
        List.of(
            new Piece(
                postgres,
                "PostgreSQL",
                ports.postgres(),
                Map.of(ports.postgres(), StackSettings.PG_PORT),
                p -> p.awaitReadyFile(SystemProcesses.INFRA_TIMEOUT),
                SystemProcesses.INFRA_TIMEOUT),
            new Piece(
                system.kafka(),
                "Kafka",
                ports.kafka(),
                Map.of(
                    ports.kafka(),
                    StackSettings.KAFKA_PORT,
                    ports.kafkaController(),
                    StackSettings.KAFKA_CONTROLLER_PORT),
                p -> p.awaitReadyFile(SystemProcesses.INFRA_TIMEOUT),
                SystemProcesses.INFRA_TIMEOUT),
            new Piece(
                system.smtp(settings.mail()),
                "the SMTP sink",
                ports.smtp(),
                Map.of(ports.smtp(), StackSettings.SMTP_PORT),
                p -> p.awaitReadyFile(SystemProcesses.INFRA_TIMEOUT),
                SystemProcesses.INFRA_TIMEOUT)),
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
    startTogether(services, Math.max(1, Runtime.getRuntime().availableProcessors() / 2));

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
    out.println("  Gateway (the API):  " + gateway + "/api/v1/roles");
    out.println("  Swagger UI:         " + gateway + "/q/swagger-ui");
    out.println("  Mail sent:          " + c + " mail   (files in .ats/mail/)");
    out.println(
        "  Logs:               "
            + c
            + " logs gateway   (and roles, applications, notifications, kafka, postgres, smtp)");
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
    return OK;
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
  private void startTogether(List<Piece> pieces, int atOnce) {
    List<Piece> running = new ArrayList<>();
    for (Piece piece : pieces) {
      if (piece.process().alive()) {
        running.add(piece);
      } else {
        piece.ports().forEach(LocalStack::refuseTakenPort);
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

  // --- build
  // --------------------------------------------------------------------------------------

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
  public static Optional<String> whyBuild(Path root) throws IOException {
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

  // --- down -------------------------------------------------------------------------------------

  private int down() throws IOException {
    SystemProcesses system = settings.processes();
    List<ManagedProcess> processes = new ArrayList<>();
    List<AtsService> services = new ArrayList<>(Arrays.asList(AtsService.values()));
    java.util.Collections.reverse(services);
    services.forEach(s -> processes.add(system.service(s)));
    processes.add(system.smtp(settings.mail()));
    processes.add(system.kafka());
    processes.add(system.postgres());
    for (ManagedProcess process : processes) {
      if (Files.exists(settings.pids().resolve(process.name() + ".pid"))) {
        console.step("Stopping " + process.name());
        boolean graceful = process.stop(STOP_GRACE);
        console.ok(graceful ? null : "did not stop in 30 s; killed");
      }
    }
    stopOrphanedPostgres();
    console
        .out()
        .println("Stopped. Data kept in .ats/data (delete that folder for a fresh start).");
    return OK;
  }

  /** A PostgreSQL server whose JVM was killed hard keeps running: stop it by its own pid file. */
  private void stopOrphanedPostgres() throws IOException {
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
  private Optional<ProcessHandle> orphanedPostgres() throws IOException {
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

  // --- status, logs, mail -----------------------------------------------------------------------

  private int status() throws IOException {
    SystemProcesses system = settings.processes();
    SystemProcesses.Ports ports = system.ports();
    PrintStream out = console.out();
    ManagedProcess postgres = system.postgres();
    Optional<ProcessHandle> orphan = postgres.alive() ? Optional.empty() : orphanedPostgres();
    if (orphan.isPresent()) {
      out.printf(
          "  %-14s %-6s %s%n",
          postgres.name(),
          ports.postgres(),
          "stopped, but its server still runs (pid "
              + orphan.get().pid()
              + "; "
              + settings.command()
              + " down or up stops it)");
    } else {
      row(out, postgres, ports.postgres(), null, system);
    }
    row(out, system.kafka(), ports.kafka(), null, system);
    row(out, system.smtp(settings.mail()), ports.smtp(), null, system);
    for (AtsService service : AtsService.values()) {
      row(out, system.service(service), ports.of(service), service, system);
    }
    return OK;
  }

  private static void row(
      PrintStream out,
      ManagedProcess process,
      int port,
      AtsService service,
      SystemProcesses system) {
    String state;
    Optional<Long> pid = process.pid();
    if (pid.isPresent()) {
      boolean ready = service == null ? process.readyFileWritten() : system.ready(service);
      state = "running (pid " + pid.get() + "), " + (ready ? "ready" : "not ready");
    } else if (ManagedProcess.portInUse(port)) {
      state = "stopped (port taken by another program)";
    } else {
      state = "stopped";
    }
    out.printf("  %-14s %-6s %s%n", process.name(), port, state);
  }

  private int logs(List<String> args) throws IOException, InterruptedException {
    if (args.isEmpty()) {
      console
          .err()
          .println(
              "usage: " + settings.command() + " logs NAME   (" + String.join(", ", names()) + ")");
      return USAGE;
    }
    String name = args.get(0);
    Path log = settings.logs().resolve(name + ".log");
    if (!name.matches("[A-Za-z0-9_-]+") || !Files.isRegularFile(log)) {
      console.err().println("no log for '" + name + "' in " + settings.logs());
      return FAILED;
    }
    follow(log, console.out());
    return OK;
  }

  /** Prints the last 200 lines, then what is appended, like {@code tail -n 200 -F}, until ^C. */
  private static void follow(Path log, PrintStream out) throws IOException, InterruptedException {
    long position = 0;
    try (RandomAccessFile in = new RandomAccessFile(log.toFile(), "r")) {
      long length = in.length();
      position = Math.max(0, length - 1024 * 1024);
      in.seek(position);
      byte[] bytes = new byte[(int) (length - position)];
      in.readFully(bytes);
      String[] lines = new String(bytes, StandardCharsets.UTF_8).split("\n", -1);
      int from = Math.max(0, lines.length - 201);
      out.print(String.join("\n", Arrays.asList(lines).subList(from, lines.length)));
      out.flush();
      position = length;
    }
    byte[] buffer = new byte[64 * 1024];
    while (!out.checkError()) {
      if (Files.exists(log)) {
        try (RandomAccessFile in = new RandomAccessFile(log.toFile(), "r")) {
          if (in.length() < position) {
            position = 0; // a fresh log: the process was started again
          }
          in.seek(position);
          int read;
          while ((read = in.read(buffer)) > 0) {
            out.write(buffer, 0, read);
            position += read;
          }
          out.flush();
        }
      }
      Thread.sleep(250);
    }
  }

  private int mail() throws IOException {
    Path dir = settings.mail();
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> list = Files.list(dir)) {
        list.filter(f -> f.getFileName().toString().endsWith(".eml")).forEach(files::add);
      }
    }
    if (files.isEmpty()) {
      console.err().println("No mail yet (" + dir + " is empty).");
      return OK;
    }
    files.sort(
        Comparator.comparing(LocalStack::modified)
            .thenComparing(f -> f.getFileName().toString())
            .reversed());
    Session session = Session.getInstance(new Properties());
    for (Path file : files.subList(0, Math.min(50, files.size()))) {
      String to = "";
      String subject = "";
      try (InputStream in = Files.newInputStream(file)) {
        MimeMessage message = new MimeMessage(session, in);
        to =
            Optional.ofNullable(message.getRecipients(Message.RecipientType.TO))
                .map(
                    all ->
                        Arrays.stream(all)
                            .map(
                                a ->
                                    a instanceof InternetAddress
                                        ? ((InternetAddress) a).toUnicodeString()
                                        : a.toString())
                            .collect(Collectors.joining(", ")))
                .orElse("");
        subject = Optional.ofNullable(message.getSubject()).orElse("");
      } catch (jakarta.mail.MessagingException e) {
        subject = "(unreadable: " + e.getMessage() + ")";
      }
      console.out().println(file.getFileName() + "  " + to + "  " + subject);
    }
    return OK;
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }

  // --- token, keys, demo ------------------------------------------------------------------------

  private int token(List<String> args) throws Exception {
    if (args.isEmpty() || !DevKeys.GROUPS.contains(args.get(0))) {
      console
          .err()
          .println(
              "usage: "
                  + settings.command()
                  + " token recruiter|hiring-manager|integration [SUBJECT]");
      return USAGE;
    }
    if (!Files.isRegularFile(DevKeys.privateKey(settings.keys()))) {
      console.err().println("no dev key yet: run " + settings.command() + " up first");
      return FAILED;
    }
    String group = args.get(0);
    String subject = args.size() > 1 ? args.get(1) : group + "@ats.local";
    console.out().println(DevKeys.token(settings.keys(), group, subject));
    return OK;
  }

  private int keys(List<String> args) throws Exception {
    Path dir = args.isEmpty() ? settings.keys() : Path.of(args.get(0));
    boolean made = DevKeys.ensure(dir);
    console.out().println((made ? "dev key pair written to " : "dev key pair kept in ") + dir);
    return OK;
  }

  private int demo() throws Exception {
    SystemProcesses system = settings.processes();
    if (!system.ready(AtsService.GATEWAY)) {
      console.err().println("The gateway is not up: run " + settings.command() + " up first.");
      return FAILED;
    }
    if (!Files.isRegularFile(DevKeys.privateKey(settings.keys()))) {
      console.err().println("no dev key yet: run " + settings.command() + " up first");
      return FAILED;
    }
    String token = DevKeys.token(settings.keys(), "recruiter", "recruiter@ats.local");
    String gateway = "http://localhost:" + system.ports().of(AtsService.GATEWAY);
    new Demo(system.url(AtsService.GATEWAY), token).run(console);
    PrintStream out = console.out();
    out.println();
    out.println(
        console.green + console.bold + "Demo data loaded." + console.reset + " Look around:");
    out.println(
        "  Swagger UI:  "
            + gateway
            + "/q/swagger-ui   (Authorize with the output of "
            + settings.command()
            + " token recruiter)");
    out.println("  Open roles:  curl -s " + gateway + "/api/v1/roles");
    out.println("  Mail sent:   " + settings.command() + " mail");
    return OK;
  }
}
