package dev.ats.roles;

import static dev.ats.roles.Fixtures.WAIT;
import static dev.ats.roles.Fixtures.action;
import static dev.ats.roles.Fixtures.draft;
import static dev.ats.roles.Fixtures.hire;
import static dev.ats.roles.Fixtures.patch;
import static dev.ats.roles.Fixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.infra.test.EventSchemas;
import dev.ats.infra.test.TestKafka;
import dev.ats.platform.events.EventTypes;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Every change of a role is published on roles.events as a CloudEvent that matches its schema. */
@QuarkusTest
class RoleEventsTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  @Test
  void shouldPublishEveryRoleEventTypeInOrderMatchingItsSchema() throws Exception {
    // GET's representation after every change, by version: each event's role must equal it.
    Map<Long, JsonNode> gets = new HashMap<>();
    String id = draft("Events", 1);
    remember(gets, id);
    action(id, "open", null).statusCode(200);
    remember(gets, id);
    patch(id, "\"1\"", "{\"openings\": 2, \"respondBy\": null}").statusCode(200);
    remember(gets, id);
    action(id, "close", "{\"reason\": \"Budget moved to next year\"}").statusCode(200);
    remember(gets, id);
    action(id, "reopen", null).statusCode(200);
    remember(gets, id);
    String firstHire = UUID.randomUUID().toString();
    hire(id, firstHire);
    await().atMost(WAIT).untilAsserted(() -> read(id).body("openingsFilled", equalTo(1)));
    remember(gets, id);
    String lastHire = UUID.randomUUID().toString();
    hire(id, lastHire);
    await().atMost(WAIT).untilAsserted(() -> read(id).body("status", equalTo("FILLED")));
    remember(gets, id);
    action(id, "reopen", "{\"additionalOpenings\": 1, \"reason\": \"one more\"}").statusCode(200);
    remember(gets, id);

    List<ConsumerRecord<String, String>> events =
        TestKafka.awaitRecords("roles.events", r -> id.equals(r.key()), 8, WAIT);

    assertThat(events)
        .extracting(r -> TestKafka.header(r, "ce_type"))
        .containsExactly(
            "dev.ats.role.created.v1",
            "dev.ats.role.opened.v1",
            "dev.ats.role.updated.v1",
            "dev.ats.role.closed.v1",
            "dev.ats.role.reopened.v1",
            "dev.ats.role.updated.v1",
            "dev.ats.role.filled.v1",
            "dev.ats.role.reopened.v1");
    List<Long> versions = new ArrayList<>();
    for (ConsumerRecord<String, String> event : events) {
      String type = TestKafka.header(event, "ce_type");
      EventSchemas.assertValid(type, event.value());
      assertThat(TestKafka.header(event, "ce_subject")).isEqualTo(id);
      assertThat(TestKafka.header(event, "ce_source")).isEqualTo("/ats/roles-service");
      assertThat(TestKafka.header(event, "ce_id")).isNotBlank();
      assertThat(TestKafka.header(event, "ce_time")).isNotBlank();
      JsonNode role = JSON.readTree(event.value()).path("role");
      long version = role.path("version").asLong();
      versions.add(version);
      assertThat(role)
          .as(type + ": the event's role is GET's representation of version " + version)
          .isEqualTo(gets.get(version));
    }
    assertThat(versions).isSorted().doesNotHaveDuplicates();

    JsonNode closed = JSON.readTree(events.get(3).value());
    assertThat(closed.path("previousStatus").asText()).isEqualTo("OPEN");
    assertThat(closed.path("reason").asText()).isEqualTo("Budget moved to next year");
    JsonNode filledOne = JSON.readTree(events.get(5).value());
    assertThat(filledOne.path("reason").asText())
        .isEqualTo("opening filled by application " + firstHire);
    JsonNode filled = JSON.readTree(events.get(6).value());
    assertThat(filled.path("role").path("openingsFilled").asInt()).isEqualTo(2);
    assertThat(filled.path("previousStatus").asText()).isEqualTo("OPEN");
    assertThat(filled.path("reason").asText())
        .isEqualTo("application " + lastHire + " filled the last opening");

    JsonNode last = JSON.readTree(events.get(7).value()).path("role");
    JsonNode current = JSON.readTree(read(id).extract().asString());
    assertThat(last).as("the event's role is the REST representation").isEqualTo(current);
  }

  /** Reads the role as GET shows it and keeps it under its version. */
  private static void remember(Map<Long, JsonNode> gets, String id) throws Exception {
    JsonNode body = JSON.readTree(read(id).statusCode(200).extract().asString());
    gets.put(body.path("version").asLong(), body);
  }

  @Test
  void shouldDocumentEveryRoleEventTypeInAsyncApi() throws Exception {
    Path asyncapi = EventSchemas.eventsDirectory().getParent().resolve("asyncapi.yaml");
    String document = Files.readString(asyncapi);
    for (String type : EventTypes.ROLE_TYPES) {
      assertThat(EventSchemas.eventsDirectory().resolve(type + ".json")).exists();
      assertThat(document)
          .as(type + " is a message of roles.events")
          .contains("name: " + type)
          .contains("$ref: './events/" + type + ".json'");
    }
  }

  @Test
  void shouldPublishNothingForRejectedChange() {
    String id = draft("Events", 1);
    action(id, "close", "{\"reason\": \"not open yet\"}").statusCode(409);
    patch(id, "\"0\"", "{\"openings\": 0}").statusCode(400);
    action(id, "open", null).statusCode(200);

    List<ConsumerRecord<String, String>> events =
        TestKafka.awaitRecords("roles.events", r -> id.equals(r.key()), 2, WAIT);
    assertThat(events)
        .extracting(r -> TestKafka.header(r, "ce_type"))
        .containsExactly("dev.ats.role.created.v1", "dev.ats.role.opened.v1");
    events.forEach(e -> EventSchemas.assertValid(TestKafka.header(e, "ce_type"), e.value()));
  }
}
