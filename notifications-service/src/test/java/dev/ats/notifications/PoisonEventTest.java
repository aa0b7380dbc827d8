package dev.ats.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.infra.test.TestKafka;
import dev.ats.notifications.Fixtures.Application;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.junit.jupiter.api.Test;

/** An event that can never be processed goes to the dead-letter topic; consuming goes on. */
@QuarkusTest
class PoisonEventTest {

  private static final String DEAD_LETTERS = "notifications.dead-letter";

  @Test
  void shouldDeadLetterEventsWithoutCloudEventHeadersAndGoOn() {
    Application ada = Application.of("Ada", "Software Engineer - Intern");
    String marker = UUID.randomUUID().toString();
    TestKafka.send(
        new ProducerRecord<>(Fixtures.APPLICATIONS, ada.applicationId().toString(), marker));
    Fixtures.submitted(ada, "ELIGIBLE");

    ConsumerRecord<String, String> dead = deadLetter(r -> marker.equals(r.value()));

    assertThat(dead.key()).isEqualTo(ada.applicationId().toString());
    assertThat(TestKafka.header(dead, "dlq-reason")).contains("missing CloudEvent header ce_id");
    assertThat(TestKafka.header(dead, "dlq-original-topic")).isEqualTo(Fixtures.APPLICATIONS);
    Fixtures.awaitSent(ada.applicationId(), "APPLICATION_RECEIVED");
  }

  @Test
  void shouldDeadLetterUnparseableAndIncompletePayloadsWithTheReason() {
    Application grace = Application.of("Grace", "Security Engineer - Intern");
    String notJson = UUID.randomUUID().toString();
    String noEmail = UUID.randomUUID().toString();
    String badRole = UUID.randomUUID().toString();
    Fixtures.sendApplicationEvent(
        grace, notJson, "dev.ats.application.submitted.v1", "{\"applicationId\": oops");
    Fixtures.sendApplicationEvent(
        grace,
        noEmail,
        "dev.ats.application.submitted.v1",
        "{\"applicationId\":\""
            + grace.applicationId()
            + "\",\"roleId\":\""
            + grace.roleId()
            + "\",\"candidateId\":\""
            + grace.candidateId()
            + "\",\"candidate\":{\"firstName\":\"Grace\"},\"eligibility\":{\"outcome\":\"ELIGIBLE\"}}");
    TestKafka.sendCloudEvent(
        Fixtures.ROLES,
        grace.roleId().toString(),
        badRole,
        "dev.ats.role.opened.v1",
        "/ats/roles-service",
        "{\"role\":{\"id\":\"not-a-uuid\",\"title\":\"x\",\"version\":1}}");
    Fixtures.submitted(grace, "ELIGIBLE");

    assertThat(reasonOf(notJson)).contains("is not JSON");
    assertThat(reasonOf(noEmail)).contains("candidate.email");
    assertThat(reasonOf(badRole)).contains("not a UUID");
    ConsumerRecord<String, String> dead = deadLetter(r -> notJson.equals(ceId(r)));
    assertThat(TestKafka.header(dead, "ce_type")).isEqualTo("dev.ats.application.submitted.v1");
    assertThat(dead.value()).isEqualTo("{\"applicationId\": oops");
    Fixtures.awaitSent(grace.applicationId(), "APPLICATION_RECEIVED");
  }

  @Test
  void shouldDeadLetterTypesOutsideTheContractButNotContractTypesItDoesNotHandle() {
    Application ken = Application.of("Ken", "QA Engineer - Intern");
    String unknown = UUID.randomUUID().toString();
    Fixtures.sendApplicationEvent(ken, unknown, "dev.ats.application.archived.v1", "{}");
    String silent = UUID.randomUUID().toString();
    Fixtures.sendApplicationEvent(
        ken,
        silent,
        "dev.ats.application.evaluation-submitted.v1",
        "{\"applicationId\":\"" + ken.applicationId() + "\",\"overallRating\":4}");
    String poison = UUID.randomUUID().toString();
    Fixtures.sendApplicationEvent(ken, poison, "dev.ats.application.hired.v1", "{}");

    assertThat(reasonOf(unknown)).contains("unknown event type dev.ats.application.archived.v1");
    // The poison event after it arrived in the dead-letter topic, so the silent one was read.
    assertThat(reasonOf(poison)).contains("applicationId");
    List<ConsumerRecord<String, String>> silentDead =
        TestKafka.readAll(DEAD_LETTERS, r -> silent.equals(ceId(r)), Duration.ofSeconds(2));
    assertThat(silentDead).isEmpty();
  }

  private static String reasonOf(String ceId) {
    return TestKafka.header(deadLetter(r -> ceId.equals(ceId(r))), "dlq-reason");
  }

  private static ConsumerRecord<String, String> deadLetter(
      java.util.function.Predicate<ConsumerRecord<String, String>> matching) {
    return TestKafka.awaitRecords(DEAD_LETTERS, matching, 1, Fixtures.PATIENCE).get(0);
  }

  private static String ceId(ConsumerRecord<String, String> record) {
    var header = record.headers().lastHeader("ce_id");
    return header == null ? null : new String(header.value(), StandardCharsets.UTF_8);
  }
}
