package dev.ats.infra.local;

import dev.ats.infra.system.AtsService;
import dev.ats.infra.system.SystemProcesses;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;

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
 * it), 2 usage. The commands are {@link StackUp}, {@link StackDown}, {@link Inspect} (status, logs,
 * mail), {@link Demo} and {@link DevKeys} (token, keys); what the processes are and how they start
 * is {@link SystemProcesses}'s, the same code the system tests use.
 *
 * <p>Also the main class of the infrastructure processes themselves ({@code postgres DATA_DIR PORT
 * DB...}, {@code kafka DATA_DIR PORT CONTROLLER_PORT}, {@code smtp PORT MAIL_DIR}; see {@link
 * InfraServers}).
 */
public final class LocalStack {

  static final int OK = 0;
  static final int FAILED = 1;
  static final int USAGE = 2;

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

  /**
   * Why {@code up} would build the services first (a package missing, or older than a pom or a main
   * source of the service or the support modules it runs with), or nothing.
   */
  public static Optional<String> whyBuild(Path root) throws IOException {
    return StackUp.whyBuild(root);
  }

  /** Runs one command; returns its exit code. */
  static int run(String[] args, StackSettings settings, Console console) {
    LocalStack stack = new LocalStack(settings, console);
    String command = args.length == 0 ? "" : args[0];
    List<String> rest = Arrays.asList(args).subList(Math.min(1, args.length), args.length);
    try {
      switch (command) {
        case "up":
          return stack.alone(new StackUp(settings, console)::run);
        case "down":
          return stack.alone(new StackDown(settings, console)::run);
        case "status":
          return new Inspect(settings, console).status();
        case "logs":
          return new Inspect(settings, console).logs(rest);
        case "token":
          return stack.token(rest);
        case "mail":
          return new Inspect(settings, console).mail();
        case "metrics":
          return new StackMetrics(settings, console).print();
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
        "  metrics            the key numbers from every service's /q/metrics (outbox, events, lag,"
            + " mail)",
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
  static List<String> names() {
    List<String> names =
        new ArrayList<>(
            List.of(SystemProcesses.POSTGRES, SystemProcesses.KAFKA, SystemProcesses.SMTP));
    Arrays.stream(AtsService.values()).map(AtsService::shortName).forEach(names::add);
    return names;
  }

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
