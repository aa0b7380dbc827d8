package dev.ats.system;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The AsyncAPI document is the contract HR integrations read: it must be well-formed AsyncAPI 3,
 * and it and the JSON Schemas under docs/events must describe the same set of event types.
 */
class EventContractDocumentTest {

  private static final Path DOCS =
      Path.of(System.getProperty("ats.repository.root", "..")).resolve("docs");

  @Test
  void shouldBeAsyncApi3WithTheSystemsTopics() throws IOException {
    JsonNode doc =
        new ObjectMapper(new YAMLFactory()).readTree(DOCS.resolve("asyncapi.yaml").toFile());
    assertThat(doc.path("asyncapi").asText()).startsWith("3.");
    List<String> addresses = new ArrayList<>();
    doc.path("channels").forEach(channel -> addresses.add(channel.path("address").asText()));
    assertThat(addresses)
        .contains("roles.events", "applications.events", "notifications.dead-letter");
  }

  @Test
  void shouldReferenceEverySchemaFileAndOnlyExistingOnes() throws IOException {
    String text = Files.readString(DOCS.resolve("asyncapi.yaml"));
    Set<String> referenced = new TreeSet<>();
    var matcher = java.util.regex.Pattern.compile("events/([A-Za-z0-9._-]+\\.json)").matcher(text);
    while (matcher.find()) {
      referenced.add(matcher.group(1));
    }
    Set<String> files = new TreeSet<>();
    try (Stream<Path> list = Files.list(DOCS.resolve("events"))) {
      list.map(p -> p.getFileName().toString())
          .filter(n -> n.endsWith(".json"))
          .forEach(files::add);
    }
    assertThat(referenced).as("schemas referenced by asyncapi.yaml").isEqualTo(files);
  }

  @Test
  void shouldHaveParseableDraft202012SchemaForEveryEventType() throws IOException {
    ObjectMapper json = new ObjectMapper();
    try (Stream<Path> list = Files.list(DOCS.resolve("events"))) {
      for (Path file : list.filter(p -> p.toString().endsWith(".json")).toList()) {
        JsonNode schema = json.readTree(file.toFile());
        assertThat(schema.path("$schema").asText())
            .as(file.getFileName().toString())
            .contains("2020-12");
        assertThat(schema.path("type").asText())
            .as(file.getFileName().toString())
            .isEqualTo("object");
      }
    }
  }
}
