package dev.ats.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.infra.test.TestTokens;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The TypeScript client (clients/typescript), generated at build time from the merged document,
 * against the running system: the gateway serves exactly that document, and the client's program
 * (roles, a submission answering a boolean, a number, a date and a choice, reading it back, a typed
 * ValidationProblem) runs to the end.
 */
class TypeScriptClientSystemTest {

  private static final ObjectMapper JSON = new ObjectMapper();
  private static SystemUnderTest system;
  private static Path client;

  @BeforeAll
  static void start() {
    system = SystemUnderTest.get();
    client = system.root.resolve("clients/typescript");
  }

  @Test
  void shouldServeExactlyTheDocumentTheClientWasGeneratedFrom() throws IOException {
    JsonNode built = JSON.readTree(client.resolve("target/openapi/ats-api.json").toFile());
    JsonNode served = JSON.readTree(system.openApi());

    // JsonNode equality ignores the order of object members, not of arrays.
    assertThat(served).isEqualTo(built);
  }

  @Test
  void shouldRunTheGeneratedClientsProgramAgainstTheGateway() throws Exception {
    Path log = Files.createTempFile(system.work, "client-demo-", ".log");
    Process process =
        new ProcessBuilder(
                "node",
                client.resolve("target/js/src/demo.js").toString(),
                system.gateway(),
                TestTokens.recruiter().substring("Bearer ".length()))
            .redirectErrorStream(true)
            .redirectOutput(log.toFile())
            .start();
    boolean finished = process.waitFor(5, TimeUnit.MINUTES);
    if (!finished) {
      process.destroyForcibly();
    }
    List<String> lines = Files.readAllLines(log, StandardCharsets.UTF_8);
    System.out.println("===== TypeScript client program =====\n" + String.join("\n", lines));

    assertThat(finished).as("the program finished").isTrue();
    assertThat(process.exitValue()).as(String.join("\n", lines)).isZero();
    for (String step :
        List.of(
            "createAndOpenRole",
            "listRoles",
            "getRole",
            "submitApplication",
            "getApplication",
            "validationProblem",
            "done")) {
      assertThat(lines).anyMatch(l -> l.startsWith("{\"step\":\"" + step + "\",\"ok\":true"));
    }
  }
}
