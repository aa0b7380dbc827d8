package dev.ats.infra.system;

import java.io.File;
import java.io.IOException;
import java.io.RandomAccessFile;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

/**
 * One process of the system (PostgreSQL, Kafka, the SMTP sink or a service): started with its
 * output in a log file, stopped gracefully or killed, and waited for until it is ready.
 *
 * <p>The local stack ({@code ./ats}) starts processes that outlive the JVM that started them: it
 * gives each a pid file (the pid and the process's start time, so a reused pid is never taken for
 * ours) and starts it {@linkplain Builder#detached() detached} (on Linux and macOS it ignores the
 * terminal's Ctrl-C and hang-up, as {@code nohup ... &} did). A later {@code ./ats down} finds it
 * again by its pid file. The system tests keep the processes they start and SIGKILL them on
 * purpose.
 *
 * <p>An infrastructure process may have a ready file: it writes the file when it is ready and exits
 * gracefully when the file is deleted, which is how it is stopped where there are no signals
 * (Windows); elsewhere it also gets SIGTERM.
 */
public final class ManagedProcess {

  public static final boolean WINDOWS =
      System.getProperty("os.name", "").toLowerCase(Locale.ROOT).startsWith("windows");

  private static final String START_MARKER = "===== start ";
  private static final Duration POLL = Duration.ofMillis(250);

  private final String name;
  private final Supplier<List<String>> command;
  private final Map<String, String> environment;
  private final Path directory;
  private final Path log;
  private final boolean appendLog;
  private final Path pidFile;
  private final Path readyFile;
  private final boolean detached;
  private ProcessHandle handle;

  private ManagedProcess(Builder b) {
    this.name = b.name;
    this.command = b.command;
    this.environment = Map.copyOf(b.environment);
    this.directory = b.directory;
    this.log = b.log;
    this.appendLog = b.appendLog;
    this.pidFile = b.pidFile;
    this.readyFile = b.readyFile;
    this.detached = b.detached;
  }

  public static Builder named(String name) {
    return new Builder(name);
  }

  public String name() {
    return name;
  }

  public Path log() {
    return log;
  }

  /**
   * Starts the process unless it already runs (started by this object, or found by its pid file).
   *
   * @return false if it was already running
   */
  public synchronized boolean start() {
    if (alive()) {
      return false;
    }
    try {
      if (readyFile != null) {
        Files.deleteIfExists(readyFile);
      }
      Files.createDirectories(log.toAbsolutePath().getParent());
      String marker = START_MARKER + name + " at " + Instant.now() + " =====\n";
      if (appendLog) {
        Files.writeString(
            log,
            "\n" + marker,
            StandardCharsets.UTF_8,
            StandardOpenOption.CREATE,
            StandardOpenOption.APPEND);
      } else {
        Files.writeString(log, marker, StandardCharsets.UTF_8);
      }
      ProcessBuilder builder = new ProcessBuilder(launchCommand());
      builder.environment().putAll(environment);
      if (directory != null) {
        builder.directory(directory.toFile());
      }
      builder.redirectInput(ProcessBuilder.Redirect.from(new File(WINDOWS ? "NUL" : "/dev/null")));
      builder.redirectErrorStream(true);
      builder.redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
      handle = builder.start().toHandle();
      if (pidFile != null) {
        Files.createDirectories(pidFile.toAbsolutePath().getParent());
        Files.writeString(
            pidFile,
            handle.pid()
                + "\n"
                + handle.info().startInstant().map(i -> String.valueOf(i.toEpochMilli())).orElse("")
                + "\n");
      }
      return true;
    } catch (IOException e) {
      throw new UncheckedIOException("could not start " + name + ": " + e.getMessage(), e);
    }
  }

  private List<String> launchCommand() {
    List<String> command = List.copyOf(this.command.get());
    if (!detached || WINDOWS) {
      return command;
    }
    // Ignored signals stay ignored across exec: the JVM then leaves Ctrl-C (SIGINT) and a closed
    // terminal (SIGHUP) alone, as it did under `nohup java ... &`. SIGTERM still stops it.
    List<String> wrapped =
        new ArrayList<>(List.of("/bin/sh", "-c", "trap '' INT HUP; exec \"$@\""));
    wrapped.add(name);
    wrapped.addAll(command);
    return wrapped;
  }

  /** The running process: the one this object started, or the one its pid file names. */
  private synchronized Optional<ProcessHandle> current() {
    if (handle != null) {
      return handle.isAlive() ? Optional.of(handle) : Optional.empty();
    }
    return recorded();
  }

  private Optional<ProcessHandle> recorded() {
    if (pidFile == null || !Files.isRegularFile(pidFile)) {
      return Optional.empty();
    }
    try {
      List<String> lines = Files.readAllLines(pidFile);
      if (lines.isEmpty() || lines.get(0).isBlank()) {
        return Optional.empty();
      }
      long pid = Long.parseLong(lines.get(0).trim());
      Optional<Instant> started =
          lines.size() > 1 && !lines.get(1).isBlank()
              ? Optional.of(Instant.ofEpochMilli(Long.parseLong(lines.get(1).trim())))
              : Optional.empty();
      return ProcessHandle.of(pid)
          .filter(ProcessHandle::isAlive)
          .filter(h -> sameStart(h, started));
    } catch (IOException | NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** A pid the system gave to another process since: not ours, never to be stopped. */
  private static boolean sameStart(ProcessHandle process, Optional<Instant> recorded) {
    Optional<Instant> actual = process.info().startInstant();
    if (recorded.isEmpty() || actual.isEmpty()) {
      return true;
    }
    return Duration.between(recorded.get(), actual.get()).abs().compareTo(Duration.ofSeconds(2))
        <= 0;
  }

  public boolean alive() {
    return current().isPresent();
  }

  /** The pid of the running process, if it runs. */
  public Optional<Long> pid() {
    return current().map(ProcessHandle::pid);
  }

  /** Whether it runs and has written its ready file (for processes that have one). */
  public boolean readyFileWritten() {
    return readyFile != null && alive() && Files.exists(readyFile);
  }

  /**
   * Stops the process gracefully (its ready file deleted, SIGTERM), waiting up to {@code grace};
   * then kills it. Forgets its pid file. A process it did not start (or does not find by its pid
   * file) is left alone.
   *
   * @return false if it had to be killed
   */
  public synchronized boolean stop(Duration grace) {
    boolean graceful = true;
    Optional<ProcessHandle> process = current();
    if (process.isPresent()) {
      ProcessHandle p = process.get();
      if (readyFile != null) {
        deleteQuietly(readyFile);
        if (WINDOWS) {
          // destroy() is TerminateProcess there: give the process its chance to stop itself
          waitFor(p, grace);
        }
      }
      if (p.isAlive()) {
        p.destroy();
        waitFor(p, grace);
      }
      if (p.isAlive()) {
        graceful = false;
        p.destroyForcibly();
        waitFor(p, Duration.ofSeconds(30));
      }
      if (readyFile != null) {
        deleteQuietly(readyFile);
      }
    }
    // A pid file that names no process of ours is stale. Its ready file stays: if another process
    // of that name runs (a pid file lost), deleting it would stop what this did not start.
    if (pidFile != null) {
      deleteQuietly(pidFile);
    }
    return graceful;
  }

  /** SIGKILL: no shutdown hooks, no graceful anything. */
  public synchronized void kill() {
    current()
        .ifPresent(
            p -> {
              p.destroyForcibly();
              waitFor(p, Duration.ofSeconds(30));
            });
  }

  private static void waitFor(ProcessHandle process, Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (ExecutionException | TimeoutException e) {
      // still running: the caller decides
    }
  }

  private static void deleteQuietly(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // a leftover file is harmless: the next start replaces it
    }
  }

  /**
   * Waits until {@code ready} holds, failing early if the process exits.
   *
   * @throws NotReadyException if it exited or {@code timeout} passed
   */
  public void awaitReady(BooleanSupplier ready, Duration timeout) {
    Instant deadline = Instant.now().plus(timeout);
    while (true) {
      if (!alive()) {
        throw new NotReadyException(this, true, timeout);
      }
      if (ready.getAsBoolean()) {
        return;
      }
      if (Instant.now().isAfter(deadline)) {
        throw new NotReadyException(this, false, timeout);
      }
      sleep(POLL);
    }
  }

  /** Waits until the process has written its ready file. */
  public void awaitReadyFile(Duration timeout) {
    if (readyFile == null) {
      throw new IllegalStateException(name + " has no ready file");
    }
    awaitReady(() -> Files.exists(readyFile), timeout);
  }

  /** The last {@code lines} lines its log has since it was last started. */
  public String tail(int lines) {
    return tail(log, lines);
  }

  /** The last {@code lines} lines of {@code file} (since the last start marker, if any). */
  public static String tail(Path file, int lines) {
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long length = in.length();
      long from = Math.max(0, length - 256 * 1024);
      byte[] bytes = new byte[(int) (length - from)];
      in.seek(from);
      in.readFully(bytes);
      List<String> all =
          new ArrayList<>(Arrays.asList(new String(bytes, StandardCharsets.UTF_8).split("\r?\n")));
      for (int i = all.size() - 1; i >= 0; i--) {
        if (all.get(i).startsWith(START_MARKER)) {
          all = new ArrayList<>(all.subList(i + 1, all.size()));
          break;
        }
      }
      return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
    } catch (IOException e) {
      return "(no log: " + e.getMessage() + ")";
    }
  }

  /** Whether something accepts connections on {@code 127.0.0.1:port}. */
  public static boolean portInUse(int port) {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
      return true;
    } catch (IOException e) {
      return false;
    }
  }

  static void sleep(Duration duration) {
    try {
      Thread.sleep(duration.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted", e);
    }
  }

  @Override
  public String toString() {
    return name;
  }

  /** A process that exited, or was not ready in time. */
  public static final class NotReadyException extends IllegalStateException {
    private final transient ManagedProcess process;
    private final boolean exited;
    private final String reason;

    NotReadyException(ManagedProcess process, boolean exited, Duration timeout) {
      this(process, exited, reason(process, exited, timeout));
    }

    private NotReadyException(ManagedProcess process, boolean exited, String reason) {
      super(reason + "\n--- last lines of " + process.log + ":\n" + process.tail(40));
      this.process = process;
      this.exited = exited;
      this.reason = reason;
    }

    private static String reason(ManagedProcess process, boolean exited, Duration timeout) {
      return exited
          ? process.name + " exited."
          : process.name + " did not become ready within " + timeout.toSeconds() + " s.";
    }

    public ManagedProcess process() {
      return process;
    }

    /** What went wrong, in one sentence (the message adds the log's last lines). */
    public String reason() {
      return reason;
    }

    /** True if the process exited; false if it still runs but was not ready in time. */
    public boolean exited() {
      return exited;
    }
  }

  /** How to start one process. */
  public static final class Builder {
    private final String name;
    private Supplier<List<String>> command;
    private Map<String, String> environment = Map.of();
    private Path directory;
    private Path log;
    private boolean appendLog = true;
    private Path pidFile;
    private Path readyFile;
    private boolean detached;

    private Builder(String name) {
      this.name = name;
    }

    public Builder command(List<String> command) {
      List<String> fixed = List.copyOf(command);
      this.command = fixed.isEmpty() ? null : () -> fixed;
      return this;
    }

    /**
     * A command decided at each start (a service's: whether its start-up cache exists then, see
     * {@link StartupCache}).
     */
    public Builder command(Supplier<List<String>> command) {
      this.command = command;
      return this;
    }

    /** Added to (or replacing parts of) the environment of the JVM that starts it. */
    public Builder environment(Map<String, String> environment) {
      this.environment = environment;
      return this;
    }

    /** Its working directory (default: the current one). */
    public Builder directory(Path directory) {
      this.directory = directory;
      return this;
    }

    /** Its output, appended with a start marker (or, {@code append == false}, a fresh file). */
    public Builder log(Path log, boolean append) {
      this.log = log;
      this.appendLog = append;
      return this;
    }

    /** Remembers it across JVMs in {@code pidFile}. */
    public Builder pidFile(Path pidFile) {
      this.pidFile = pidFile;
      return this;
    }

    /** The file it writes when ready and whose deletion stops it (infrastructure processes). */
    public Builder readyFile(Path readyFile) {
      this.readyFile = readyFile;
      return this;
    }

    /** Outlives the starting JVM and ignores the terminal's Ctrl-C and hang-up. */
    public Builder detached() {
      this.detached = true;
      return this;
    }

    public ManagedProcess build() {
      if (log == null || command == null) {
        throw new IllegalStateException(name + ": a command and a log are required");
      }
      return new ManagedProcess(this);
    }
  }
}
