package dev.ats.platform;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.quarkus.test.junit.QuarkusTest;
import io.quarkus.test.junit.QuarkusTestProfile;
import io.quarkus.test.junit.TestProfile;
import io.smallrye.config.PropertiesConfigSource;
import io.smallrye.config.SmallRyeConfig;
import io.smallrye.config.SmallRyeConfigBuilder;
import java.io.IOException;
import java.net.URL;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Production logs are JSON lines carrying the request id, the trace and span ids and the service's
 * name; dev and tests stay plain text. The JSON formatter is the console's in production; here the
 * same formatter writes a file, so that the test can read what it wrote.
 */
@QuarkusTest
@TestProfile(JsonLogTest.JsonToAFile.class)
class JsonLogTest {

  static final Path LOG = Path.of("target", "json-log-test", "ats.log");

  public static class JsonToAFile implements QuarkusTestProfile {
    @Override
    public Map<String, String> getConfigOverrides() {
      return Map.of(
          "quarkus.log.file.enabled", "true",
          "quarkus.log.file.path", LOG.toString(),
          "quarkus.log.file.json.enabled", "true",
          "quarkus.log.file.json.additional-field.service.value", "platform-test",
          "quarkus.otel.sdk.disabled", "false",
          "quarkus.otel.traces.sampler", "always_on",
          "quarkus.otel.exporter.otlp.endpoint", "http://127.0.0.1:9",
          "quarkus.log.category.\"io.opentelemetry\".level", "OFF");
    }
  }

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldWriteEachLogLineAsJsonWithRequestIdTraceIdSpanIdAndService() {
    String requestId = "json-log-" + UUID.randomUUID();
    given().header("X-Request-Id", requestId).get("/probe/defect").then().statusCode(500);

    await()
        .atMost(Duration.ofSeconds(60))
        .untilAsserted(
            () -> {
              List<JsonNode> lines = lines();
              assertThat(lines)
                  .isNotEmpty()
                  .allSatisfy(
                      line -> assertThat(line.path("service").asText()).isEqualTo("platform-test"));
              JsonNode failure =
                  lines.stream()
                      .filter(line -> requestId.equals(line.path("mdc").path("requestId").asText()))
                      .findFirst()
                      .orElseThrow(() -> new AssertionError("no line with the request id"));
              assertThat(failure.path("mdc").path("traceId").asText()).matches("[0-9a-f]{32}");
              assertThat(failure.path("mdc").path("spanId").asText()).matches("[0-9a-f]{16}");
              assertThat(failure.path("level").asText()).isEqualTo("ERROR");
            });
  }

  @Test
  void shouldLogJsonToTheConsoleInProductionOnlyForEveryService() throws IOException {
    URL defaults =
        getClass().getClassLoader().getResource("META-INF/microprofile-config.properties");
    for (String profile : List.of("prod", "dev", "test")) {
      SmallRyeConfig config =
          new SmallRyeConfigBuilder()
              .withProfile(profile)
              .withSources(new PropertiesConfigSource(platformDefaults(), "platform", 100))
              .withDefaultValue("quarkus.application.name", "a-service")
              .build();
      assertThat(config.getValue("quarkus.log.console.json.enabled", Boolean.class))
          .as("JSON console logs in profile " + profile)
          .isEqualTo(profile.equals("prod"));
      assertThat(
              config.getValue(
                  "quarkus.log.console.json.additional-field.service.value", String.class))
          .isEqualTo("a-service");
    }
    assertThat(defaults).isNotNull();
  }

  private static Map<String, String> platformDefaults() throws IOException {
    java.util.Properties properties = new java.util.Properties();
    try (var in =
        Path.of("src/main/resources/META-INF/microprofile-config.properties")
            .toUri()
            .toURL()
            .openStream()) {
      properties.load(in);
    }
    Map<String, String> values = new java.util.HashMap<>();
    properties.forEach((k, v) -> values.put(String.valueOf(k), String.valueOf(v)));
    return values;
  }

  private static List<JsonNode> lines() throws IOException {
    List<JsonNode> parsed = new ArrayList<>();
    for (String line : Files.readAllLines(LOG)) {
      if (!line.isBlank()) {
        parsed.add(JSON.readTree(line));
      }
    }
    return parsed;
  }
}
