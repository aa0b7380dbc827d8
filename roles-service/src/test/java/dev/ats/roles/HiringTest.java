package dev.ats.roles;

import static dev.ats.roles.Fixtures.APPLICATIONS_TOPIC;
import static dev.ats.roles.Fixtures.DEAD_LETTER_TOPIC;
import static dev.ats.roles.Fixtures.HIRED;
import static dev.ats.roles.Fixtures.PROBLEM;
import static dev.ats.roles.Fixtures.WAIT;
import static dev.ats.roles.Fixtures.action;
import static dev.ats.roles.Fixtures.hire;
import static dev.ats.roles.Fixtures.openRole;
import static dev.ats.roles.Fixtures.outboxTypes;
import static dev.ats.roles.Fixtures.patch;
import static dev.ats.roles.Fixtures.processed;
import static dev.ats.roles.Fixtures.read;
import static dev.ats.roles.Fixtures.unplacedHires;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.contains;
import static org.hamcrest.Matchers.equalTo;

import dev.ats.infra.test.TestKafka;
import dev.ats.roles.domain.UnplacedHire;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Hires from applications.events fill openings, once per application, through the real broker. */
@QuarkusTest
class HiringTest {

  private static final String SOURCE = "/ats/applications-service";

  @Inject EntityManager em;

  @Test
  void shouldMoveRoleToFilledWhenLastOpeningFilledDespiteDuplicatesAndOtherRolesHires() {
    String roleA = openRole("Hiring", 2);
    String roleB = openRole("Hiring", 2);
    String a1 = UUID.randomUUID().toString();
    String a2 = UUID.randomUUID().toString();
    String b1 = UUID.randomUUID().toString();

    String a1Event = hire(roleA, a1);
    hire(roleB, b1);
    hire(roleA, a1, a1Event); // the same event delivered again
    hire(roleA, a1); // a second hired event for the same application
    hire(roleA, a2);

    await().atMost(WAIT).untilAsserted(() -> read(roleA).body("status", equalTo("FILLED")));
    read(roleA).body("openings", equalTo(2)).body("openingsFilled", equalTo(2));
    await()
        .atMost(WAIT)
        .untilAsserted(
            () -> read(roleB).body("openingsFilled", equalTo(1)).body("status", equalTo("OPEN")));

    // A hire that arrives after the role is filled fills nothing and is kept for a recruiter.
    String late = UUID.randomUUID().toString();
    hire(roleA, late);
    await().atMost(WAIT).until(() -> unplaced(late) != null);
    assertThat(unplaced(late).reason).isEqualTo(UnplacedHire.Reason.NO_OPENING_LEFT);
    read(roleA).body("openingsFilled", equalTo(2)).body("status", equalTo("FILLED"));

    assertThat(outboxTypes(roleA))
        .containsExactly(
            "dev.ats.role.created.v1",
            "dev.ats.role.opened.v1",
            "dev.ats.role.updated.v1",
            "dev.ats.role.filled.v1");
    List<ConsumerRecord<String, String>> filled =
        TestKafka.awaitRecords(
            "roles.events",
            r ->
                roleA.equals(r.key())
                    && "dev.ats.role.filled.v1".equals(TestKafka.header(r, "ce_type")),
            1,
            WAIT);
    assertThat(filled.get(0).value())
        .contains("\"previousStatus\":\"OPEN\"")
        .contains("\"status\":\"FILLED\"")
        .containsPattern(
            "\"reason\":\"application (" + a1 + "|" + a2 + ") filled the last opening\"");
  }

  @Test
  void shouldApplyDuplicatedHiredEventOnce() {
    String role = openRole("Hiring", 3);
    String application = UUID.randomUUID().toString();
    String eventId = hire(role, application);
    hire(role, application, eventId);
    // Same key, so same partition and after the duplicate: once it is processed, so is the
    // duplicate.
    String sentinel = hire(role, application);

    await().atMost(WAIT).until(() -> processed(sentinel));
    read(role).body("openingsFilled", equalTo(1)).body("status", equalTo("OPEN"));
    assertThat(outboxTypes(role)).filteredOn("dev.ats.role.updated.v1"::equals).hasSize(1);
  }

  @Test
  void shouldRecordHireForUnknownRoleWithoutStoppingAndListIt() {
    String unknownRole = UUID.randomUUID().toString();
    String application = UUID.randomUUID().toString();
    hire(unknownRole, application);

    await().atMost(WAIT).until(() -> unplaced(application) != null);
    assertThat(unplaced(application).reason).isEqualTo(UnplacedHire.Reason.UNKNOWN_ROLE);
    unplacedHires(unknownRole)
        .statusCode(200)
        .body("items.applicationId", contains(application))
        .body("items[0].reason", equalTo("UNKNOWN_ROLE"));

    String role = openRole("Hiring", 1);
    hire(role, UUID.randomUUID().toString());
    await().atMost(WAIT).untilAsserted(() -> read(role).body("status", equalTo("FILLED")));
  }

  @Test
  void shouldDeadLetterPoisonRecordsAndIgnoreOtherContractTypes() {
    String role = openRole("Hiring", 2);
    // One key for every record: one partition, processed in the order sent.
    String application = UUID.randomUUID().toString();
    // A contract type roles-service does not act on: ignored, not a dead letter.
    TestKafka.sendCloudEvent(
        APPLICATIONS_TOPIC,
        application,
        UUID.randomUUID().toString(),
        "dev.ats.application.stage-changed.v1",
        SOURCE,
        "{\"applicationId\": \""
            + application
            + "\", \"roleId\": \""
            + role
            + "\", \"to\": \"HIRED\"}");
    TestKafka.send(new ProducerRecord<>(APPLICATIONS_TOPIC, application, "not even json"));
    ProducerRecord<String, String> unreadable =
        new ProducerRecord<>(APPLICATIONS_TOPIC, application, "{]");
    unreadable
        .headers()
        .add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    unreadable.headers().add("ce_type", HIRED.getBytes(StandardCharsets.UTF_8));
    unreadable.headers().add("ce_source", SOURCE.getBytes(StandardCharsets.UTF_8));
    TestKafka.send(unreadable);
    TestKafka.sendCloudEvent(
        APPLICATIONS_TOPIC,
        application,
        UUID.randomUUID().toString(),
        "dev.ats.application.teleported.v1",
        SOURCE,
        "{}");
    TestKafka.sendCloudEvent(
        APPLICATIONS_TOPIC,
        application,
        UUID.randomUUID().toString(),
        HIRED,
        SOURCE,
        "{\"applicationId\": \"" + application + "\"}");
    hire(role, application);

    await().atMost(WAIT).untilAsserted(() -> read(role).body("openingsFilled", equalTo(1)));
    read(role).body("status", equalTo("OPEN"));

    List<ConsumerRecord<String, String>> sent =
        TestKafka.awaitRecords(APPLICATIONS_TOPIC, r -> application.equals(r.key()), 6, WAIT);
    List<ConsumerRecord<String, String>> poison = sent.subList(1, 5);
    List<ConsumerRecord<String, String>> dead =
        TestKafka.awaitRecords(DEAD_LETTER_TOPIC, r -> application.equals(r.key()), 4, WAIT);
    assertThat(dead)
        .extracting(ConsumerRecord::value)
        .containsExactly(
            "not even json", "{]", "{}", "{\"applicationId\": \"" + application + "\"}");
    assertThat(dead)
        .extracting(r -> TestKafka.header(r, "dlq-reason"))
        .satisfiesExactly(
            reason -> assertThat(reason).contains("missing CloudEvent header"),
            reason -> assertThat(reason).contains("is not a readable " + HIRED),
            reason -> assertThat(reason).contains("unknown event type"),
            reason -> assertThat(reason).contains("lacks applicationId or roleId"));
    for (int i = 0; i < dead.size(); i++) {
      ConsumerRecord<String, String> letter = dead.get(i);
      ConsumerRecord<String, String> original = poison.get(i);
      assertThat(TestKafka.header(letter, "dlq-original-topic")).isEqualTo(APPLICATIONS_TOPIC);
      assertThat(TestKafka.header(letter, "dlq-original-partition"))
          .isEqualTo(String.valueOf(original.partition()));
      assertThat(TestKafka.header(letter, "dlq-original-offset"))
          .isEqualTo(String.valueOf(original.offset()));
      assertThat(TestKafka.header(letter, "ce_type"))
          .isEqualTo(TestKafka.header(original, "ce_type"));
    }
  }

  @Test
  void shouldReopenFilledRoleOnlyWithAdditionalOpenings() {
    String role = openRole("Hiring", 1);
    hire(role, UUID.randomUUID().toString());
    await().atMost(WAIT).untilAsserted(() -> read(role).body("status", equalTo("FILLED")));

    action(role, "reopen", null)
        .statusCode(409)
        .contentType(PROBLEM)
        .body("openingsFilled", equalTo(1));
    action(role, "reopen", "{\"additionalOpenings\": 0}").statusCode(409);
    action(role, "close", "{\"reason\": \"x\"}")
        .statusCode(409)
        .body("currentStatus", equalTo("FILLED"))
        .body("allowedActions", org.hamcrest.Matchers.contains("reopen"));
    action(role, "reopen", "{\"additionalOpenings\": 1, \"reason\": \"one more\"}")
        .statusCode(200)
        .body("status", equalTo("OPEN"))
        .body("openings", equalTo(2))
        .body("openingsFilled", equalTo(1));

    hire(role, UUID.randomUUID().toString());
    await().atMost(WAIT).untilAsserted(() -> read(role).body("status", equalTo("FILLED")));
    assertThat(outboxTypes(role)).filteredOn("dev.ats.role.filled.v1"::equals).hasSize(2);
  }

  @Test
  void shouldRefuseOpeningsBelowFilledAndFillRoleWhenSetToFilled() {
    String role = openRole("Hiring", 3);
    hire(role, UUID.randomUUID().toString());
    hire(role, UUID.randomUUID().toString());
    await().atMost(WAIT).untilAsserted(() -> read(role).body("openingsFilled", equalTo(2)));
    String etag = Fixtures.etag(role);

    patch(role, etag, "{\"openings\": 1}")
        .statusCode(409)
        .contentType(PROBLEM)
        .body("openingsFilled", equalTo(2));
    read(role).body("openings", equalTo(3));

    patch(role, etag, "{\"openings\": 2}")
        .statusCode(200)
        .body("openings", equalTo(2))
        .body("status", equalTo("FILLED"));
  }

  private UnplacedHire unplaced(String applicationId) {
    return QuarkusTransaction.requiringNew()
        .call(() -> em.find(UnplacedHire.class, UUID.fromString(applicationId)));
  }
}
