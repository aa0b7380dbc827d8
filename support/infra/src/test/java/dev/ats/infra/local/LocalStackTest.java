package dev.ats.infra.local;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.infra.system.SystemProcesses;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.spec.X509EncodedKeySpec;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The launcher's Java entry point, run in this JVM on a state folder of its own, with every port
 * moved to a free one (so a local stack running on this machine changes nothing). {@code up} and
 * {@code down} need the packaged services: the system tests run them.
 */
class LocalStackTest {

  @TempDir Path root;
  private final Map<String, String> env = new HashMap<>();
  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @BeforeEach
  void freePorts() {
    env.putAll(LocalStack.portEnvironment(SystemProcesses.Ports.free()));
  }

  private int ats(String... args) {
    out.reset();
    err.reset();
    return LocalStack.run(
        List.of(args),
        root,
        root.resolve(".ats"),
        env,
        new PrintStream(out, true, StandardCharsets.UTF_8),
        new PrintStream(err, true, StandardCharsets.UTF_8));
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }

  @Test
  void shouldReportEveryProcessStoppedWhenNothingRuns() {
    assertThat(ats("status")).isZero();

    List<String> lines = out().lines().toList();
    assertThat(lines)
        .extracting(line -> line.trim().split("\\s+")[0])
        .containsExactly(
            "postgres",
            "kafka",
            "smtp",
            "roles",
            "applications",
            "notifications",
            "web",
            "gateway");
    assertThat(lines).allSatisfy(line -> assertThat(line).endsWith(" stopped"));
    assertThat(lines.get(0)).contains(env.get("ATS_PG_PORT"));
    assertThat(lines.get(7)).contains(env.get("ATS_GATEWAY_PORT"));
    assertThat(err()).isEmpty();
    assertThat(root.resolve(".ats")).as("status changes nothing").doesNotExist();
  }

  @Test
  void shouldPrintARecruiterTokenTheServicesAccept() throws Exception {
    assertThat(ats("token", "recruiter")).isEqualTo(1);
    assertThat(err()).contains("no dev key yet: run ./ats up first");

    assertThat(ats("keys")).isZero();
    assertThat(ats("token", "recruiter")).isZero();

    String[] jwt = out().trim().split("\\.");
    assertThat(jwt).hasSize(3);
    ObjectMapper json = new ObjectMapper();
    Base64.Decoder base64 = Base64.getUrlDecoder();
    JsonNode header = json.readTree(base64.decode(jwt[0]));
    JsonNode claims = json.readTree(base64.decode(jwt[1]));
    assertThat(header.path("alg").asText()).isEqualTo("RS256");
    assertThat(claims.path("iss").asText()).isEqualTo("https://ats.local");
    assertThat(claims.path("sub").asText()).isEqualTo("recruiter@ats.local");
    assertThat(claims.path("upn").asText()).isEqualTo("recruiter@ats.local");
    assertThat(claims.path("groups")).hasSize(1);
    assertThat(claims.path("groups").get(0).asText()).isEqualTo("recruiter");
    assertThat(Instant.ofEpochSecond(claims.path("exp").asLong())).isAfter(Instant.now());

    // signed by the key the services are given (.ats/keys/public.pem)
    String pem = Files.readString(root.resolve(".ats/keys/public.pem"));
    PublicKey key =
        KeyFactory.getInstance("RSA")
            .generatePublic(
                new X509EncodedKeySpec(
                    Base64.getMimeDecoder()
                        .decode(pem.replaceAll("-----(BEGIN|END) PUBLIC KEY-----", ""))));
    Signature rs256 = Signature.getInstance("SHA256withRSA");
    rs256.initVerify(key);
    rs256.update((jwt[0] + "." + jwt[1]).getBytes(StandardCharsets.US_ASCII));
    assertThat(rs256.verify(base64.decode(jwt[2]))).isTrue();
  }

  @Test
  void shouldKeepTheKeyPairSoTokensStayValid() throws Exception {
    assertThat(ats("keys")).isZero();
    assertThat(out()).contains("written");
    String first = Files.readString(root.resolve(".ats/keys/public.pem"));
    assertThat(ats("keys")).isZero();
    assertThat(out()).contains("kept");
    assertThat(Files.readString(root.resolve(".ats/keys/public.pem"))).isEqualTo(first);
  }

  @Test
  void shouldPutTheSubjectIntoTheToken() throws Exception {
    ats("keys");
    assertThat(ats("token", "hiring-manager", "hank@example.com")).isZero();
    JsonNode claims =
        new ObjectMapper().readTree(Base64.getUrlDecoder().decode(out().trim().split("\\.")[1]));
    assertThat(claims.path("sub").asText()).isEqualTo("hank@example.com");
    assertThat(claims.path("groups").get(0).asText()).isEqualTo("hiring-manager");
  }

  @Test
  void shouldRefuseAGroupThatDoesNotExist() {
    ats("keys");
    assertThat(ats("token", "admin")).isEqualTo(2);
    assertThat(err()).contains("usage: ./ats token recruiter|hiring-manager|integration");
    assertThat(out()).isEmpty();
  }

  @Test
  void shouldPrintUsageAndExit2ForAnUnknownCommand() {
    assertThat(ats("deploy")).isEqualTo(2);
    assertThat(err()).contains("unknown command: deploy").contains("usage: ./ats COMMAND");
    for (String command : List.of("up", "down", "status", "logs", "token", "mail", "demo")) {
      assertThat(err()).contains("  " + command + " ");
    }
    assertThat(out()).isEmpty();

    assertThat(ats()).isEqualTo(2);
    assertThat(err()).contains("usage: ./ats COMMAND");
  }

  @Test
  void shouldSayWhichServiceDoesNotAnswerWhenAskedForMetricsOfAStoppedStack() {
    assertThat(ats("metrics")).isZero();
    assertThat(out())
        .contains("outbox")
        .contains("roles")
        .contains("not answering at http://localhost:")
        .contains("/q/metrics");
  }

  @Test
  void shouldPrintUsageOnStandardOutputWhenAskedFor() {
    assertThat(ats("help")).isZero();
    assertThat(out()).contains("usage: ./ats COMMAND").contains("ATS_PG_PORT");
  }

  @Test
  void shouldSayWhichLogsThereAre() {
    assertThat(ats("logs")).isEqualTo(2);
    assertThat(err()).contains("usage: ./ats logs NAME").contains("gateway");
    assertThat(ats("logs", "gateway")).isEqualTo(1);
    assertThat(err()).contains("no log for 'gateway'");
    assertThat(ats("logs", "../../etc/passwd")).isEqualTo(1);
  }

  @Test
  void shouldRefuseAPortThatIsNotANumber() {
    env.put("ATS_PG_PORT", "fifteen");
    assertThat(ats("status")).isEqualTo(1);
    assertThat(err()).contains("ATS_PG_PORT must be a port number (1-65535), not 'fifteen'.");
  }

  @Test
  void shouldNotLoadTheDemoWithoutAGateway() {
    assertThat(ats("demo")).isEqualTo(1);
    assertThat(err()).contains("The gateway is not up: run ./ats up first.");
  }

  @Test
  void shouldListNoMailBeforeAnyWasSent() {
    assertThat(ats("mail")).isZero();
    assertThat(out()).isEmpty();
    assertThat(err()).contains("No mail yet");
  }

  @Test
  void shouldRefuseToRunWhileAnotherUpOrDownRuns() throws Exception {
    Files.createDirectories(root.resolve(".ats"));
    try (java.nio.channels.FileChannel channel =
            java.nio.channels.FileChannel.open(
                root.resolve(".ats/launcher.lock"),
                java.nio.file.StandardOpenOption.CREATE,
                java.nio.file.StandardOpenOption.WRITE);
        java.nio.channels.FileLock held = channel.lock()) {
      assertThat(ats("down")).isEqualTo(1);
      assertThat(err()).contains("Another ./ats up or down is running");
      assertThat(ats("up")).isEqualTo(1);
    }
    assertThat(ats("down")).isZero();
  }

  @Test
  void shouldStopNothingWhenNothingWasStarted() {
    assertThat(ats("down")).isZero();
    assertThat(out()).doesNotContain("Stopping").contains("Stopped. Data kept in .ats/data");
  }
}
