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
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.Properties;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Looking at the local stack without changing it: {@code ./ats status} (what runs, on which port,
 * whether it is ready), {@code ./ats logs NAME} (the last 200 lines, then follow) and {@code ./ats
 * mail} (the newest 50 messages the SMTP sink kept: file, recipients, subject).
 */
record Inspect(StackSettings settings, Console console) {

  int status() throws IOException {
    SystemProcesses system = settings.processes();
    SystemProcesses.Ports ports = system.ports();
    PrintStream out = console.out();
    ManagedProcess postgres = system.postgres();
    Optional<ProcessHandle> orphan =
        postgres.alive() ? Optional.empty() : new StackDown(settings, console).orphanedPostgres();
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
    return LocalStack.OK;
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

  int logs(List<String> args) throws IOException, InterruptedException {
    if (args.isEmpty()) {
      console
          .err()
          .println(
              "usage: "
                  + settings.command()
                  + " logs NAME   ("
                  + String.join(", ", LocalStack.names())
                  + ")");
      return LocalStack.USAGE;
    }
    String name = args.get(0);
    Path log = settings.logs().resolve(name + ".log");
    if (!name.matches("[A-Za-z0-9_-]+") || !Files.isRegularFile(log)) {
      console.err().println("no log for '" + name + "' in " + settings.logs());
      return LocalStack.FAILED;
    }
    follow(log, console.out());
    return LocalStack.OK;
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

  int mail() throws IOException {
    Path dir = settings.mail();
    List<Path> files = new ArrayList<>();
    if (Files.isDirectory(dir)) {
      try (Stream<Path> list = Files.list(dir)) {
        list.filter(f -> f.getFileName().toString().endsWith(".eml")).forEach(files::add);
      }
    }
    if (files.isEmpty()) {
      console.err().println("No mail yet (" + dir + " is empty).");
      return LocalStack.OK;
    }
    files.sort(
        Comparator.comparing(Inspect::modified)
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
    return LocalStack.OK;
  }

  private static FileTime modified(Path file) {
    try {
      return Files.getLastModifiedTime(file);
    } catch (IOException e) {
      return FileTime.fromMillis(0);
    }
  }
}
