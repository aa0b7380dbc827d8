package dev.ats.infra.local;

import com.icegreen.greenmail.util.GreenMail;
import com.icegreen.greenmail.util.ServerSetup;
import dev.ats.infra.KafkaBroker;
import dev.ats.infra.PostgresServer;
import io.smallrye.jwt.build.Jwt;
import jakarta.mail.internet.MimeMessage;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.Base64;
import java.util.Set;
import java.util.concurrent.CountDownLatch;

/**
 * The infrastructure processes of the local stack, each run in a JVM of its own by {@code ./ats}:
 *
 * <ul>
 *   <li>{@code postgres DATA_DIR PORT DB...}: a durable PostgreSQL server with one database per
 *       service;
 *   <li>{@code kafka DATA_DIR PORT CONTROLLER_PORT}: a single-node KRaft Kafka broker;
 *   <li>{@code smtp PORT MAIL_DIR}: an SMTP sink that writes every message it accepts to {@code
 *       MAIL_DIR} as an {@code .eml} file;
 *   <li>{@code keys DIR}: a dev RSA key pair for signing tokens (kept if present);
 *   <li>{@code token PRIVATE_KEY ISSUER GROUP [SUBJECT]}: prints a signed bearer token.
 * </ul>
 */
public final class LocalStack {

  private LocalStack() {}

  public static void main(String[] args) throws Exception {
    if (args.length == 0) {
      usage();
    }
    switch (args[0]) {
      case "postgres" -> postgres(args);
      case "kafka" -> kafka(args);
      case "smtp" -> smtp(args);
      case "keys" -> keys(args);
      case "token" -> token(args);
      default -> usage();
    }
  }

  private static void usage() {
    System.err.println(
        "usage: LocalStack postgres DATA_DIR PORT DB... | kafka DATA_DIR PORT CONTROLLER_PORT"
            + " | smtp PORT MAIL_DIR | keys DIR | token PRIVATE_KEY ISSUER GROUP [SUBJECT]");
    System.exit(2);
  }

  private static void postgres(String[] args) throws InterruptedException {
    PostgresServer server =
        PostgresServer.startDurable(Path.of(args[1]), Integer.parseInt(args[2]));
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "postgres-stop"));
    for (int i = 3; i < args.length; i++) {
      server.createDatabase(args[i]);
    }
    System.out.println("PostgreSQL ready on port " + server.port());
    new CountDownLatch(1).await();
  }

  private static void kafka(String[] args) throws InterruptedException {
    KafkaBroker broker =
        KafkaBroker.start(Path.of(args[1]), Integer.parseInt(args[2]), Integer.parseInt(args[3]));
    Runtime.getRuntime().addShutdownHook(new Thread(broker::close, "kafka-stop"));
    System.out.println("Kafka ready on " + broker.bootstrapServers());
    new CountDownLatch(1).await();
  }

  private static void smtp(String[] args) throws Exception {
    int port = Integer.parseInt(args[1]);
    Path mailDir = Files.createDirectories(Path.of(args[2]));
    GreenMail greenMail =
        new GreenMail(new ServerSetup(port, "127.0.0.1", ServerSetup.PROTOCOL_SMTP));
    greenMail.start();
    Runtime.getRuntime().addShutdownHook(new Thread(greenMail::stop, "smtp-stop"));
    System.out.println("SMTP sink ready on port " + port + ", messages in " + mailDir);
    // getReceivedMessages() gathers every mailbox's messages, so its order is not arrival order:
    // remember which messages (by Message-ID and recipients) are written instead of how many.
    java.util.Set<String> written = new java.util.HashSet<>();
    int sequence = 0;
    while (true) {
      for (MimeMessage message : greenMail.getReceivedMessages()) {
        String identity =
            (message.getMessageID() == null
                    ? String.valueOf(System.identityHashCode(message))
                    : message.getMessageID())
                + java.util.Arrays.toString(message.getAllRecipients());
        if (written.add(identity)) {
          Path file = mailDir.resolve(String.format("%06d.eml", ++sequence));
          try (OutputStream out = Files.newOutputStream(file)) {
            message.writeTo(out);
          }
        }
      }
      Thread.sleep(Duration.ofMillis(500).toMillis());
    }
  }

  private static void keys(String[] args) throws IOException, NoSuchAlgorithmException {
    Path dir = Files.createDirectories(Path.of(args[1]));
    Path privateKey = dir.resolve("private.pem");
    Path publicKey = dir.resolve("public.pem");
    if (Files.exists(privateKey) && Files.exists(publicKey)) {
      return;
    }
    KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
    generator.initialize(2048);
    KeyPair pair = generator.generateKeyPair();
    Files.writeString(privateKey, pem("PRIVATE KEY", pair.getPrivate().getEncoded()));
    Files.writeString(publicKey, pem("PUBLIC KEY", pair.getPublic().getEncoded()));
    System.out.println("dev key pair written to " + dir);
  }

  private static String pem(String type, byte[] der) {
    String body =
        Base64.getMimeEncoder(64, "\n".getBytes(StandardCharsets.US_ASCII)).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  private static void token(String[] args) throws Exception {
    if (args.length < 4) {
      usage();
    }
    String group = args[3];
    String subject = args.length > 4 ? args[4] : group + "@ats.local";
    String key = Files.readString(Path.of(args[1]));
    System.out.println(
        Jwt.issuer(args[2])
            .subject(subject)
            .upn(subject)
            .groups(Set.of(group))
            .expiresIn(Duration.ofHours(12))
            .sign(io.smallrye.jwt.util.KeyUtils.decodePrivateKey(key)));
  }
}
