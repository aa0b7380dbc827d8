package dev.ats.applications;

import static dev.ats.applications.Fixtures.application;
import static dev.ats.applications.Fixtures.awaitEvents;
import static dev.ats.applications.Fixtures.data;
import static dev.ats.applications.Fixtures.eligibleAnswers;
import static dev.ats.applications.Fixtures.email;
import static dev.ats.applications.Fixtures.moveTo;
import static dev.ats.applications.Fixtures.openRole;
import static dev.ats.applications.Fixtures.submission;
import static dev.ats.applications.Fixtures.submit;
import static dev.ats.applications.Fixtures.submitEligible;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ats.infra.test.TestKafka;
import dev.ats.platform.events.DeadLetters;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

@QuarkusTest
class RoleCopyTest {

  @Inject EntityManager em;

  @Test
  void shouldRejectRemainingActiveApplicationsWhenTheRoleIsFilled() {
    UUID roleId = openRole(1);
    UUID hired = submitEligible(roleId).id();
    UUID screening = submitEligible(roleId).id();
    UUID submitted = submitEligible(roleId).id();
    UUID withdrawn = submitEligible(roleId).id();
    moveTo(hired, "SCREENING", "INTERVIEWING", "OFFERED", "HIRED");
    moveTo(screening, "SCREENING");
    moveTo(withdrawn, "WITHDRAWN");

    String eventId = UUID.randomUUID().toString();
    Fixtures.publishRole(
        eventId,
        roleId,
        "dev.ats.role.filled.v1",
        2,
        "FILLED",
        1,
        1,
        null,
        Fixtures.INTERNSHIP_RULES);
    // Delivered twice, as an at-least-once relay may: applied once.
    Fixtures.publishRole(
        eventId,
        roleId,
        "dev.ats.role.filled.v1",
        2,
        "FILLED",
        1,
        1,
        null,
        Fixtures.INTERNSHIP_RULES);

    await()
        .atMost(Fixtures.WAIT)
        .until(() -> "REJECTED".equals(application(submitted).path("stage")));
    for (UUID id : List.of(screening, submitted)) {
      assertThat((String) application(id).path("stage")).isEqualTo("REJECTED");
      assertThat((String) application(id).path("rejectionReason")).isEqualTo("POSITION_FILLED");
      Map<String, Object> rejected =
          data(
              awaitEvents(id.toString(), Fixtures.ofType("dev.ats.application.rejected.v1"), 1)
                  .get(0));
      assertThat(rejected.get("reason")).isEqualTo("POSITION_FILLED");
      assertThat(rejected.get("actor")).isEqualTo("system");
      Map<String, Object> changed =
          data(
              awaitEvents(
                      id.toString(),
                      r ->
                          "dev.ats.application.stage-changed.v1"
                                  .equals(TestKafka.header(r, "ce_type"))
                              && r.value().contains("POSITION_FILLED"),
                      1)
                  .get(0));
      assertThat(changed.get("to")).isEqualTo("REJECTED");
      assertThat(
              TestKafka.readAll(
                  "applications.events",
                  r ->
                      id.toString().equals(r.key())
                          && "dev.ats.application.rejected.v1"
                              .equals(TestKafka.header(r, "ce_type")),
                  Duration.ofSeconds(3)))
          .hasSize(1);
    }
    assertThat((String) application(hired).path("stage")).isEqualTo("HIRED");
    assertThat((String) application(withdrawn).path("stage")).isEqualTo("WITHDRAWN");
  }

  @Test
  void shouldIgnoreARoleEventOlderThanTheCopy() {
    UUID roleId = UUID.randomUUID();
    Fixtures.publishRole(
        roleId, "dev.ats.role.updated.v1", 3, "OPEN", 2, 0, null, Fixtures.INTERNSHIP_RULES);
    Fixtures.awaitRoleVersion(roleId, 3);
    Fixtures.publishRole(
        roleId, "dev.ats.role.closed.v1", 2, "CLOSED", 2, 0, null, Fixtures.INTERNSHIP_RULES);
    Fixtures.publishRole(
        roleId, "dev.ats.role.updated.v1", 4, "OPEN", 7, 0, null, Fixtures.INTERNSHIP_RULES);
    Fixtures.awaitRoleVersion(roleId, 4);

    assertThat(Fixtures.roleCopy(roleId).status).isEqualTo("OPEN");
    assertThat(Fixtures.roleCopy(roleId).openings).isEqualTo(7);
    assertThat(submit(submission(roleId, email(), eligibleAnswers())).statusCode()).isEqualTo(201);
  }

  /**
   * Poison records go to applications.dead-letter with the reason and where they came from (they
   * used to be logged and skipped), and never block the role's later events.
   */
  @Test
  void shouldDeadLetterPoisonRecordsWithTheReasonAndGoOn() {
    UUID roleId = UUID.randomUUID();
    TestKafka.send(new ProducerRecord<>("roles.events", roleId.toString(), "{not json"));
    TestKafka.sendCloudEvent(
        "roles.events",
        roleId.toString(),
        UUID.randomUUID().toString(),
        "dev.ats.role.opened.v1",
        Fixtures.ROLES_SOURCE,
        "{\"role\": {\"id\": \"" + roleId + "\"}}");
    TestKafka.sendCloudEvent(
        "roles.events",
        roleId.toString(),
        UUID.randomUUID().toString(),
        "dev.ats.role.opened.v1",
        Fixtures.ROLES_SOURCE,
        "[1, 2");

    Fixtures.publishRole(
        roleId, "dev.ats.role.opened.v1", 1, "OPEN", 1, 0, null, Fixtures.INTERNSHIP_RULES);

    Fixtures.awaitRoleVersion(roleId, 1);
    assertThat(Fixtures.roleCopy(roleId).status).isEqualTo("OPEN");

    List<ConsumerRecord<String, String>> deadLetters =
        TestKafka.awaitRecords(
            "applications.dead-letter", r -> roleId.toString().equals(r.key()), 3, Fixtures.WAIT);
    assertThat(deadLetters.stream().map(r -> TestKafka.header(r, DeadLetters.REASON)))
        .satisfiesExactly(
            reason -> assertThat(reason).contains("missing CloudEvent header"),
            reason -> assertThat(reason).contains("without role.id, version, status or openings"),
            reason -> assertThat(reason).contains("is not a readable"));
    assertThat(deadLetters.stream().map(ConsumerRecord::value))
        .containsExactly("{not json", "{\"role\": {\"id\": \"" + roleId + "\"}}", "[1, 2");
    for (ConsumerRecord<String, String> deadLetter : deadLetters) {
      assertThat(TestKafka.header(deadLetter, DeadLetters.ORIGINAL_TOPIC))
          .isEqualTo("roles.events");
      assertThat(Integer.parseInt(TestKafka.header(deadLetter, DeadLetters.ORIGINAL_PARTITION)))
          .isGreaterThanOrEqualTo(0);
      assertThat(Long.parseLong(TestKafka.header(deadLetter, DeadLetters.ORIGINAL_OFFSET)))
          .isGreaterThanOrEqualTo(0);
    }
    assertThat(deadLetters.stream().map(r -> TestKafka.header(r, DeadLetters.ORIGINAL_OFFSET)))
        .doesNotHaveDuplicates();
  }

  @Test
  void shouldRetryARoleEventThroughATransientDatabaseFailureWithoutLosingIt() {
    UUID roleId = UUID.randomUUID();
    // A stand-in for the database failing: every write of this role's copy fails until the row
    // in test_outage is gone. The sequence counts attempts (nextval survives the rollback).
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              em.createNativeQuery(
                      "create table if not exists test_outage (role_id uuid primary key);"
                          + " create sequence if not exists test_outage_attempts;"
                          + " create or replace function test_outage_fail() returns trigger"
                          + " language plpgsql as $$ begin if exists (select 1 from test_outage"
                          + " where role_id = new.role_id) then perform"
                          + " nextval('test_outage_attempts'); raise exception 'simulated outage';"
                          + " end if; return new; end $$;"
                          + " drop trigger if exists test_outage_fail on role_copy;"
                          + " create trigger test_outage_fail before insert or update on role_copy"
                          + " for each row execute function test_outage_fail();")
                  .executeUpdate();
              em.createNativeQuery("insert into test_outage values (cast(:id as uuid))")
                  .setParameter("id", roleId.toString())
                  .executeUpdate();
            });
    try {
      long before = attempts();
      Fixtures.publishRole(
          roleId, "dev.ats.role.opened.v1", 1, "OPEN", 1, 0, null, Fixtures.INTERNSHIP_RULES);

      await().atMost(Fixtures.WAIT).until(() -> attempts() >= before + 2);
      assertThat(Fixtures.roleCopy(roleId)).isNull();

      QuarkusTransaction.requiringNew()
          .run(() -> em.createNativeQuery("delete from test_outage").executeUpdate());
      Fixtures.awaitRoleVersion(roleId, 1);
      assertThat(Fixtures.roleCopy(roleId).status).isEqualTo("OPEN");
    } finally {
      QuarkusTransaction.requiringNew()
          .run(
              () ->
                  em.createNativeQuery(
                          "delete from test_outage;"
                              + " drop trigger if exists test_outage_fail on role_copy")
                      .executeUpdate());
    }
  }

  private long attempts() {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        em.createNativeQuery(
                                "select case when is_called then last_value else 0 end"
                                    + " from test_outage_attempts")
                            .getSingleResult())
                    .longValue());
  }

  /**
   * Copies written before the rules were a typed JSON column kept the rules exactly as published,
   * fields this service does not read included: they still evaluate.
   */
  @Test
  void shouldEvaluateRulesStoredWithFieldsThisServiceDoesNotRead() {
    UUID roleId = UUID.randomUUID();
    Map<String, Object> rule = new java.util.LinkedHashMap<>(Fixtures.INTERNSHIP_RULES.get(0));
    rule.put("hint", "Most of our interns start in June");
    rule.put("weight", 3);
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "insert into role_copy (role_id, title, status, openings, openings_filled,"
                            + " eligibility_rules, version, updated_at) values (cast(:id as uuid),"
                            + " 'Intern', 'OPEN', 1, 0, cast(:rules as jsonb), 1, now())")
                    .setParameter("id", roleId.toString())
                    .setParameter("rules", Fixtures.write(List.of(rule)))
                    .executeUpdate());

    var response = submit(submission(roleId, email(), Map.of("commitsTwelveWeeks", false)));

    assertThat(response.statusCode()).isEqualTo(201);
    assertThat((String) response.path("eligibility.outcome")).isEqualTo("INELIGIBLE");
  }

  @Test
  void shouldTakeARoleDeadlineGivenAsADateAsTheEndOfThatDay() {
    UUID roleId = UUID.randomUUID();
    Fixtures.publishRole(
        roleId, "dev.ats.role.opened.v1", 1, "OPEN", 1, 0, "2020-01-31", Fixtures.INTERNSHIP_RULES);
    Fixtures.awaitRoleVersion(roleId, 1);

    assertThat(Fixtures.roleCopy(roleId).applicationDeadline)
        .isEqualTo(java.time.Instant.parse("2020-02-01T00:00:00Z"));
    assertThat(submit(submission(roleId, email(), eligibleAnswers())).statusCode()).isEqualTo(409);
  }
}
