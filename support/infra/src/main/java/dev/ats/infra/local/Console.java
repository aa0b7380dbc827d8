package dev.ats.infra.local;

import dev.ats.infra.system.ManagedProcess;
import java.io.PrintStream;
import java.nio.file.Path;

/**
 * The launcher's progress output: {@code ==> Starting Kafka on port 19092 ... ok (4s)}, in colour
 * on a terminal. A failed step ends the command through {@link Failure}, which {@link LocalStack}
 * prints (with the last lines of the log that explains it) before exiting with 1.
 */
final class Console {

  private final PrintStream out;
  private final PrintStream err;
  final String bold;
  final String red;
  final String green;
  final String dim;
  final String reset;
  private long stepStarted;
  private boolean inStep;

  Console(PrintStream out, PrintStream err, boolean colour) {
    this.out = out;
    this.err = err;
    this.bold = colour ? "\u001b[1m" : "";
    this.red = colour ? "\u001b[31m" : "";
    this.green = colour ? "\u001b[32m" : "";
    this.dim = colour ? "\u001b[2m" : "";
    this.reset = colour ? "\u001b[0m" : "";
  }

  /** Colour when the output is a terminal, unless {@code NO_COLOR} is set (no-color.org). */
  static boolean colourWanted(java.util.Map<String, String> env) {
    if (System.console() == null || env.containsKey("NO_COLOR")) {
      return false;
    }
    // The classic Windows console shows escape codes as text; Windows Terminal does not.
    return !ManagedProcess.WINDOWS || env.containsKey("WT_SESSION") || env.containsKey("TERM");
  }

  PrintStream out() {
    return out;
  }

  PrintStream err() {
    return err;
  }

  void step(String what) {
    stepStarted = System.nanoTime();
    inStep = true;
    out.print(bold + "==>" + reset + " " + what + " ... ");
    out.flush();
  }

  void ok() {
    ok(null);
  }

  void ok(String detail) {
    inStep = false;
    out.println(
        green
            + "ok"
            + reset
            + " "
            + dim
            + "("
            + seconds(stepStarted)
            + "s"
            + (detail == null ? "" : ", " + detail)
            + ")"
            + reset);
  }

  /** Ends a step (if one is open) with "failed" and prints why, with the log's last lines. */
  void failed(Failure failure) {
    if (inStep) {
      out.println(red + "failed" + reset);
      inStep = false;
    }
    out.flush();
    err.println(red + failure.getMessage() + reset);
    if (failure.log != null) {
      err.println("--- last lines of " + failure.log + ":");
      err.println(ManagedProcess.tail(failure.log, 25));
    }
    err.flush();
  }

  static long seconds(long startedNanos) {
    return Math.round((System.nanoTime() - startedNanos) / 1e9);
  }

  /** A command that cannot go on: its message, and the log that says more (or none). */
  static final class Failure extends RuntimeException {
    final transient Path log;

    Failure(String message) {
      this(message, null);
    }

    Failure(String message, Path log) {
      super(message);
      this.log = log;
    }
  }
}
