package dev.ats.infra.local;

import com.icegreen.greenmail.Managers;
import com.icegreen.greenmail.mail.MovingMessage;
import com.icegreen.greenmail.smtp.SmtpServer;
import com.icegreen.greenmail.user.GreenMailUser;
import com.icegreen.greenmail.util.ServerSetup;
import dev.ats.infra.KafkaBroker;
import dev.ats.infra.PostgresServer;
import dev.ats.infra.Topics;
import dev.ats.infra.system.SystemProcesses;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.net.Socket;
import java.net.SocketException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;
import java.util.stream.Collectors;

/**
 * The infrastructure processes of the local stack and the system tests, each run in a JVM of its
 * own ({@code LocalStack postgres|kafka|smtp ...}, started by {@link SystemProcesses}). Each writes
 * the file named by {@code -Dats.ready-file} once it is ready and stops gracefully when that file
 * is deleted (or on SIGTERM).
 */
final class InfraServers {

  private InfraServers() {}

  /**
   * {@code postgres DATA_DIR PORT DB...}: a durable PostgreSQL server, one database per service.
   */
  static void postgres(String[] args) throws Exception {
    PostgresServer server =
        PostgresServer.startKeepingData(Path.of(args[1]), Integer.parseInt(args[2]));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-stop"));
    for (int i = 3; i < args.length; i++) {
      server.createDatabase(args[i]);
    }
    ready("PostgreSQL ready on port " + server.port());
    new CountDownLatch(1).await();
  }

  /** {@code kafka DATA_DIR PORT CONTROLLER_PORT}: a single-node KRaft broker with the topics. */
  static void kafka(String[] args) throws Exception {
    KafkaBroker broker =
        KafkaBroker.start(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-stop"));
    ready(
        "Kafka ready on "
            + broker.bootstrapServers()
            + " with the topics "
            + Topics.ALL.stream().map(Topics.Topic::name).collect(Collectors.joining(", ")));
    new CountDownLatch(1).await();
  }

  /** {@code smtp PORT MAIL_DIR}: an SMTP sink writing each message to MAIL_DIR as an .eml file. */
  static void smtp(String[] args) throws Exception {
    int port = Integer.parseInt(args[1]);
    Path mailDir = Files.createDirectories(Path.of(args[2]));
    // Every recipient's delivery goes to one FileSink, which writes the message as it arrives and
    // keeps nothing: a sink that stored mail in memory and re-read it all on a timer slowed down
    // with every message since the stack started.
    FileSink sink = new FileSink(mailDir, highestSequence(mailDir));
    Managers managers = new Managers();
    managers.getUserManager().setMessageDeliveryHandler((message, address) -> sink);
    SmtpServer server =
        new SmtpServer(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP), managers) {
          @Override
          protected void handleClientSocket(Socket socket) throws SocketException {
            // GreenMail answers a command in more than one write: with Nagle's algorithm on, each
            // answer waited for the client's delayed ACK (~40 ms), ~176 ms per message.
            socket.setTcpNoDelay(true);
            super.handleClientSocket(socket);
          }
        };
    server.startService();
    Runtime.getRuntime().addShutdownHook(new Thread(server::stopService, "smtp-stop"));
    ready("SMTP sink ready on port " + port + ", messages in " + mailDir);
    new CountDownLatch(1).await();
  }

  /**
   * The SMTP sink's only "user": each message delivered to it is written to the next numbered .eml
   * file, once however many recipients it has (GreenMail delivers one message to each recipient in
   * turn, in one synchronized send).
   */
  private static final class FileSink implements GreenMailUser {
    private final Path mailDir;
    private int sequence;
    private MovingMessage lastWritten;

    FileSink(Path mailDir, int sequence) {
      this.mailDir = mailDir;
      this.sequence = sequence;
    }

    @Override
    public synchronized void deliver(MovingMessage message) {
      if (message == lastWritten) {
        return;
      }
      lastWritten = message;
      deliver(message.getMessage());
    }

    @Override
    public synchronized void deliver(MimeMessage message) {
      Path file = mailDir.resolve(String.format("%06d.eml", ++sequence));
      try (OutputStream out = Files.newOutputStream(file)) {
        message.writeTo(out);
      } catch (IOException | MessagingException e) {
        throw new IllegalStateException("could not write " + file + ": " + e.getMessage(), e);
      }
    }

    @Override
    public String getEmail() {
      return "sink@localhost";
    }

    @Override
    public String getLogin() {
      return "sink";
    }

    @Override
    public void create() {}

    @Override
    public void delete() {}

    @Override
    public String getPassword() {
      return "";
    }

    @Override
    public void setPassword(String password) {}

    @Override
    public void authenticate(String password) {}

    @Override
    public String getQualifiedMailboxName() {
      return "sink";
    }
  }

  /** Numbering goes on after a restart instead of overwriting the mail of an earlier run. */
  private static int highestSequence(Path mailDir) throws IOException {
    try (var files = Files.list(mailDir)) {
      return files
          .map(f -> f.getFileName().toString())
          .filter(n -> n.matches("\\d{6}\\.eml"))
          .mapToInt(n -> Integer.parseInt(n.substring(0, 6)))
          .max()
          .orElse(0);
    }
  }

  /** Says so on the log, writes the ready file and stops the JVM once the file is deleted. */
  private static void ready(String message) throws IOException {
    System.out.println(message);
    String property = System.getProperty(SystemProcesses.READY_FILE_PROPERTY);
    if (property == null) {
      return;
    }
    Path readyFile = Path.of(property);
    Files.createDirectories(readyFile.toAbsolutePath().getParent());
    Files.writeString(readyFile, ProcessHandle.current().pid() + "\n");
    Thread watcher =
        new Thread(
            () -> {
              while (Files.exists(readyFile)) {
                try {
                  Thread.sleep(250);
                } catch (InterruptedException e) {
                  return;
                }
              }
              System.out.println(readyFile + " was deleted: stopping");
              System.exit(0);
            },
            "ready-file-watch");
    watcher.setDaemon(true);
    watcher.start();
  }
}
