package dev.ats.roles;

import static dev.ats.roles.RoleFixtures.APPLICATIONS_TOPIC;
import static dev.ats.roles.RoleFixtures.PROBLEM;
import static dev.ats.roles.RoleFixtures.action;
import static dev.ats.roles.RoleFixtures.hire;
import static dev.ats.roles.RoleFixtures.openRole;
import static dev.ats.roles.RoleFixtures.patch;
import static dev.ats.roles.RoleFixtures.read;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.ats.infra.test.TestKafka;
import dev.ats.roles.domain.UnplacedHire;
import dev.ats.roles.service.HiringService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** Hires from applications.events fill openings, once per application, through the real broker. */
@QuarkusTest
class HiringTest {

  private static final Duration WAIT = Duration.ofSeconds(60);

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
        .contains("\"status\":\"FILLED\"");
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
  void shouldRecordHireForUnknownRoleWithoutStopping() {
    String unknownRole = UUID.randomUUID().toString();
    String application = UUID.randomUUID().toString();
    hire(unknownRole, application);

    await().atMost(WAIT).until(() -> unplaced(application) != null);
    assertThat(unplaced(application).reason).isEqualTo(UnplacedHire.Reason.UNKNOWN_ROLE);

    String role = openRole("Hiring", 1);
    hire(role, UUID.randomUUID().toString());
    await().atMost(WAIT).untilAsserted(() -> read(role).body("status", equalTo("FILLED")));
  }

  @Test
  void shouldSkipPoisonRecordsAndIgnoreOtherTypes() {
    String role = openRole("Hiring", 2);
    String application = UUID.randomUUID().toString();
    TestKafka.send(new ProducerRecord<>(APPLICATIONS_TOPIC, application, "not even json"));
    ProducerRecord<String, String> noBody =
        new ProducerRecord<>(APPLICATIONS_TOPIC, application, "{]");
    noBody.headers().add("ce_id", UUID.randomUUID().toString().getBytes(StandardCharsets.UTF_8));
    noBody.headers().add("ce_type", RoleFixtures.HIRED.getBytes(StandardCharsets.UTF_8));
    noBody.headers().add("ce_source", "/ats/applications-service".getBytes(StandardCharsets.UTF_8));
    TestKafka.send(noBody);
    TestKafka.sendCloudEvent(
        APPLICATIONS_TOPIC,
        application,
        UUID.randomUUID().toString(),
        "dev.ats.application.stage-changed.v1",
        "/ats/applications-service",
        "{\"applicationId\": \""
            + application
            + "\", \"roleId\": \""
            + role
            + "\", \"to\": \"HIRED\"}");
    hire(role, application);

    await().atMost(WAIT).untilAsserted(() -> read(role).body("openingsFilled", equalTo(1)));
    read(role).body("status", equalTo("OPEN"));
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
    String etag = RoleFixtures.etag(role);

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

  private boolean processed(String eventId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                em.createNativeQuery(
                        "select count(*) from processed_event where consumer = :c and event_id = :id",
                        Long.class)
                    .setParameter("c", HiringService.CONSUMER)
                    .setParameter("id", eventId)
                    .getSingleResult()
                    .equals(1L));
  }

  private List<String> outboxTypes(String roleId) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                em.createQuery(
                        "select e.type from OutboxEvent e where e.subject = :s order by e.seq",
                        String.class)
                    .setParameter("s", roleId)
                    .getResultList());
  }
}
