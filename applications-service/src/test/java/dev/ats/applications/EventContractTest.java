package dev.ats.applications;

import static dev.ats.applications.Fixtures.moveTo;
import static dev.ats.applications.Fixtures.openRole;
import static dev.ats.applications.Fixtures.submitEligible;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.infra.test.EventSchemas;
import dev.ats.infra.test.TestKafka;
import dev.ats.infra.test.TestTokens;
import dev.ats.platform.events.EventTypes;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.http.ContentType;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.junit.jupiter.api.Test;

/** Every event type this service publishes, as published, against its schema in docs/events. */
@QuarkusTest
class EventContractTest {

  @Test
  void shouldPublishEveryEventTypeMatchingItsSchema() {
    UUID roleId = openRole(1);
    Fixtures.Submitted hired = submitEligible(roleId);
    Fixtures.Submitted rejected = submitEligible(roleId);
    Fixtures.Submitted withdrawn = submitEligible(roleId);
    moveTo(hired.id(), "SCREENING", "INTERVIEWING", "OFFERED", "HIRED");
    moveTo(rejected.id(), "REJECTED");
    given()
        .header("X-Application-Token", withdrawn.accessToken())
        .post("/api/v1/applications/" + withdrawn.id() + "/withdraw")
        .then()
        .statusCode(200);
    given()
        .header("Authorization", TestTokens.hiringManager())
        .contentType(ContentType.JSON)
        .body(Map.of("overallRating", 4))
        .post("/api/v1/applications/" + hired.id() + "/evaluations")
        .then()
        .statusCode(201);
    given()
        .header("Authorization", TestTokens.recruiter())
        .delete("/api/v1/candidates/" + rejected.candidateId())
        .then()
        .statusCode(204);

    Set<String> keys =
        Set.of(
            hired.id().toString(),
            rejected.id().toString(),
            withdrawn.id().toString(),
            rejected.candidateId().toString());
    // 6 + 2 + 2 + 1 + 1 + 1 + 1 (submitted ×3, stage-changed ×6, hired, rejected, withdrawn,
    // evaluation-submitted, candidate erased)
    List<ConsumerRecord<String, String>> events =
        TestKafka.awaitRecords(
            "applications.events", r -> keys.contains(r.key()), 14, Fixtures.WAIT);

    for (ConsumerRecord<String, String> event : events) {
      String type = TestKafka.header(event, "ce_type");
      EventSchemas.assertValid(type, event.value());
      assertThat(TestKafka.header(event, "ce_subject")).isEqualTo(event.key());
      assertThat(TestKafka.header(event, "ce_specversion")).isEqualTo("1.0");
      assertThat(TestKafka.header(event, "ce_id")).isNotBlank();
    }
    assertThat(events.stream().map(e -> TestKafka.header(e, "ce_type")).collect(Collectors.toSet()))
        .containsExactlyInAnyOrderElementsOf(EventTypes.APPLICATION_TYPES);
  }

  @Test
  void shouldFailSchemaValidationForAPayloadMissingARequiredField() {
    org.assertj.core.api.Assertions.assertThatThrownBy(
            () ->
                EventSchemas.assertValid(
                    EventTypes.APPLICATION_HIRED,
                    "{\"applicationId\": \"" + UUID.randomUUID() + "\", \"version\": 1}"))
        .isInstanceOf(AssertionError.class)
        .hasMessageContaining("roleId");
  }
}
