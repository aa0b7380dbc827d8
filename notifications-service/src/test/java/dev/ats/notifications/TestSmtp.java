package dev.ats.notifications;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import jakarta.mail.Message;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * A real SMTP server (GreenMail) for the service under test, on a free port, once per test JVM.
 * Tests can stop it and start it again on the same port to simulate an outage.
 */
public class TestSmtp implements QuarkusTestResourceLifecycleManager {

  private static int port;
  private static GreenMail server;
  private static boolean stopped;

  @Override
  public synchronized Map<String, String> start() {
    if (server == null) {
      port = freePort();
      startServer();
    }
    return Map.of(
        "quarkus.mailer.host", "127.0.0.1",
        "quarkus.mailer.port", String.valueOf(port),
        "quarkus.mailer.mock", "false");
  }

  @Override
  public void stop() {
    // Lives as long as the JVM, like PostgreSQL and Kafka.
  }

  /** The SMTP server goes away: connections are refused until {@link #restart()}. */
  public static synchronized void stopServer() {
    server.stop();
    stopped = true;
  }

  public static synchronized boolean isStopped() {
    return stopped;
  }

  /** A fresh server on the same port (messages received before are forgotten). */
  public static synchronized void restart() {
    startServer();
  }

  /** The messages the server accepted for {@code address} since it last started. */
  public static synchronized List<MimeMessage> messagesTo(String address) {
    return Arrays.stream(server.getReceivedMessages())
        .filter(message -> isFor(message, address))
        .toList();
  }

  public static String text(MimeMessage message) {
    try {
      return PlainText.of(message);
    } catch (MessagingException | IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static boolean isFor(MimeMessage message, String address) {
    try {
      var recipients = message.getRecipients(Message.RecipientType.TO);
      return recipients != null
          && Arrays.stream(recipients).anyMatch(r -> r.toString().equalsIgnoreCase(address));
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }

  private static void startServer() {
    server = new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    server.start();
    stopped = false;
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      socket.setReuseAddress(true);
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The text/plain and text/html parts of a message, concatenated. */
  private static final class PlainText {
    static String of(jakarta.mail.Part part) throws MessagingException, IOException {
      Object content = part.getContent();
      if (content instanceof String text) {
        return text;
      }
      if (content instanceof jakarta.mail.Multipart multipart) {
        StringBuilder all = new StringBuilder();
        for (int i = 0; i < multipart.getCount(); i++) {
          all.append(of(multipart.getBodyPart(i))).append('\n');
        }
        return all.toString();
      }
      return "";
    }
  }
}
