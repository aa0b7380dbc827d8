package dev.ats.system;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ats.infra.local.LocalStack;
import dev.ats.infra.system.AtsService;
import dev.ats.infra.system.ManagedProcess;
import dev.ats.infra.system.SystemProcesses;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./ats up}, {@code status}, {@code demo}, {@code mail} and {@code down} against the
 * packaged services, through the launcher's Java entry point, with its state in a temporary folder
 * and every port moved by the launcher's own environment variables to a free one. Runs before the
 * other system tests so that only one whole system runs at a time.
 */
@Order(1)
class LocalStackSystemTest {

  private static final Path ROOT =
      Path.of(System.getProperty("ats.repository.root", "..")).toAbsolutePath().normalize();
  private static final Pattern PID = Pattern.compile("running \\(pid (\\d+)\\)");

  @TempDir Path state;
  private final Map<String, String> env = new HashMap<>();
  private final List<Long> pids = new ArrayList<>();

  record Result(int exitCode, String out, String err) {}

  private Result ats(String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    int code =
        LocalStack.run(
            List.of(args),
            ROOT,
            state,
            env,
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    Result result =
        new Result(
            code, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    System.out.println("$ ./ats " + String.join(" ", args) + " -> " + code);
    System.out.print(result.out());
    System.out.print(result.err());
    return result;
  }

  @Test
  void shouldStartTheStackShowItLoadTheDemoAndStopEverythingItStarted() throws Exception {
    assertThat(LocalStack.whyBuild(ROOT))
        .as("the services are packaged and newer than their sources (./mvnw package)")
        .isEmpty();
    Map<String, Integer> ports = new HashMap<>();
    LocalStack.portEnvironment(SystemProcesses.Ports.free())
        .forEach(
            (variable, port) -> {
              env.put(variable, port);
              ports.put(variable, Integer.parseInt(port));
            });

    Result up = ats("up");
    assertThat(up.exitCode()).as(up.err()).isZero();
    assertThat(up.out())
        .contains("==> Preparing the dev JWT key pair (.ats/keys) ... ok")
        .contains("==> Starting PostgreSQL on port " + ports.get("ATS_PG_PORT") + " ... ok")
        .contains("==> Starting Kafka on port " + ports.get("ATS_KAFKA_PORT") + " ... ok")
        .contains("==> Starting the SMTP sink on port " + ports.get("ATS_SMTP_PORT") + " ... ok")
        .contains("The ATS is up in ")
        .contains("http://localhost:" + ports.get("ATS_GATEWAY_PORT") + "/q/swagger-ui");
    for (AtsService service : AtsService.values()) {
      assertThat(up.out())
          .contains(
              "==> Starting "
                  + service.shortName()
                  + " on port "
                  + ports.get(service.portVariable())
                  + " ... ok");
    }

    Result status = ats("status");
    assertThat(status.exitCode()).isZero();
    List<String> rows = status.out().lines().toList();
    assertThat(rows).hasSize(8).allSatisfy(row -> assertThat(row).endsWith(", ready"));
    for (String row : rows) {
      Matcher pid = PID.matcher(row);
      assertThat(pid.find()).as(row).isTrue();
      pids.add(Long.parseLong(pid.group(1)));
    }

    Result again = ats("up");
    assertThat(again.exitCode()).isZero();
    assertThat(again.out().lines().filter(l -> l.contains("ok (") && l.contains("already running")))
        .hasSize(8);

    Result demo = ats("demo");
    assertThat(demo.exitCode()).as(demo.err()).isZero();
    assertThat(demo.out()).contains("7 applications").contains("Demo data loaded.");
    String roles = get("http://127.0.0.1:" + ports.get("ATS_GATEWAY_PORT") + "/api/v1/roles");
    assertThat(roles)
        .contains("Software Engineer - Intern")
        .contains("Product Manager - Intern")
        .contains("Security Engineer - Intern");
    String gateway = "http://127.0.0.1:" + ports.get("ATS_GATEWAY_PORT");
    assertThat(get(gateway + "/careers"))
        .as("the demo's roles on the careers page")
        .contains("Software Engineer - Intern")
        .contains("You will hear from us by");
    assertThat(boardAsRecruiter(gateway))
        .as("the demo's roles on the board, after the dev sign-in")
        .contains("Software Engineer - Intern")
        .contains("Product Manager - Intern");
    await("every candidate's mail in the SMTP sink's folder")
        .atMost(Duration.ofSeconds(120))
        .pollInterval(Duration.ofSeconds(2))
        .until(
            () -> {
              String mail = ats("mail").out();
              return List.of("ada.lovelace", "grace.hopper", "linus.torvalds", "margaret.hamilton")
                  .stream()
                  .allMatch(name -> mail.contains(name + "@example.com"));
            });

    Result down = ats("down");
    assertThat(down.exitCode()).isZero();
    for (String name :
        List.of(
            "gateway",
            "web",
            "notifications",
            "applications",
            "roles",
            "smtp",
            "kafka",
            "postgres")) {
      assertThat(down.out()).contains("==> Stopping " + name + " ... ok");
    }
    assertThat(down.out()).doesNotContain("killed").contains("Stopped. Data kept in .ats/data");
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false))
          .as("process " + pid + " after down")
          .isFalse();
    }
    assertThat(Files.exists(state.resolve("data/postgres/postmaster.pid")))
        .as("PostgreSQL shut down cleanly")
        .isFalse();
    Result stopped = ats("status");
    assertThat(stopped.out().lines().toList())
        .hasSize(8)
        .allSatisfy(row -> assertThat(row).endsWith(" stopped"));
    for (int port : ports.values()) {
      assertThat(ManagedProcess.portInUse(port)).as("port " + port + " after down").isFalse();
    }
  }

  @AfterEach
  void leaveNothingRunning() {
    if (Files.exists(state.resolve("pids"))) {
      ats("down");
    }
  }

  /**
   * {@code /board} after the local stack's dev sign-in as a recruiter (its session cookie): the
   * form's page first, for its CSRF cookie and token.
   */
  private static String boardAsRecruiter(String gateway) throws IOException, InterruptedException {
    HttpClient http = HttpClient.newHttpClient();
    HttpResponse<String> form =
        http.send(
            HttpRequest.newBuilder(URI.create(gateway + "/board/sign-in")).build(),
            HttpResponse.BodyHandlers.ofString());
    String formCookie = form.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    java.util.regex.Matcher csrf =
        java.util.regex.Pattern.compile("name=\"csrf\" value=\"([^\"]+)\"").matcher(form.body());
    assertThat(csrf.find()).isTrue();
    HttpResponse<String> signedIn =
        http.send(
            HttpRequest.newBuilder(URI.create(gateway + "/board/sign-in"))
                .header("Content-Type", "application/x-www-form-urlencoded")
                .header("Cookie", formCookie)
                .POST(
                    HttpRequest.BodyPublishers.ofString(
                        "name=rita&group=recruiter&csrf=" + csrf.group(1)))
                .build(),
            HttpResponse.BodyHandlers.ofString());
    assertThat(signedIn.statusCode()).isEqualTo(303);
    String cookie = signedIn.headers().firstValue("Set-Cookie").orElseThrow().split(";", 2)[0];
    return http.send(
            HttpRequest.newBuilder(URI.create(gateway + "/board")).header("Cookie", cookie).build(),
            HttpResponse.BodyHandlers.ofString())
        .body();
  }

  private static String get(String url) throws IOException, InterruptedException {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(url)).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }
}
