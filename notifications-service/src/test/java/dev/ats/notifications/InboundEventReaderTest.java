package dev.ats.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.notifications.events.InboundEvent;
import dev.ats.notifications.messaging.InboundEventReader;
import dev.ats.platform.events.CloudEvent;
import dev.ats.platform.events.PoisonEventException;
import java.time.LocalDate;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The reader is a pure mapping from a CloudEvent to an inbound record, so it is tested without
 * Quarkus, Kafka or a database.
 */
class InboundEventReaderTest {

  private static final UUID APPLICATION = UUID.randomUUID();
  private static final UUID ROLE = UUID.randomUUID();
  private static final UUID CANDIDATE = UUID.randomUUID();

  private final InboundEventReader reader = new InboundEventReader(new ObjectMapper());

  @Test
  void shouldReadTheFieldsItKeepsFromASubmissionAndIgnoreTheRest() {
    InboundEvent event =
        read(
                "dev.ats.application.submitted.v1",
                "{\"applicationId\":\"%s\",\"roleId\":\"%s\",\"roleTitle\":\"Intern\","
                    + "\"candidateId\":\"%s\",\"candidate\":{\"email\":\"ada@example.com\","
                    + "\"firstName\":\"Ada\",\"lastName\":\"Lovelace\"},\"stage\":\"APPLIED\","
                    + "\"eligibility\":{\"outcome\":\"ELIGIBLE\",\"rules\":[]},\"future\":1}")
            .orElseThrow();

    assertThat(event)
        .isEqualTo(
            new InboundEvent.ApplicationSubmitted(
                "e-1",
                "dev.ats.application.submitted.v1",
                APPLICATION,
                ROLE,
                "Intern",
                CANDIDATE,
                "ada@example.com",
                "Ada",
                "APPLIED",
                "ELIGIBLE"));
    assertThat(event.kind()).isEqualTo(InboundEvent.Kind.SUBMITTED);
  }

  @Test
  void shouldReadEveryRoleEventAsTheRoleDetailsItCarries() {
    for (String type :
        List.of(
            "dev.ats.role.created.v1",
            "dev.ats.role.opened.v1",
            "dev.ats.role.updated.v1",
            "dev.ats.role.closed.v1",
            "dev.ats.role.filled.v1",
            "dev.ats.role.reopened.v1")) {
      assertThat(
              read(
                  type,
                  "{\"role\":{\"id\":\"%2$s\",\"title\":\"Intern\",\"respondBy\":\"2026-12-01\","
                      + "\"version\":7,\"openings\":2},\"previousStatus\":null}"))
          .contains(
              new InboundEvent.RoleChanged(
                  "e-1", type, ROLE, "Intern", LocalDate.parse("2026-12-01"), 7));
    }
  }

  @Test
  void shouldGiveEveryInboundRecordItsOwnKind() {
    List<Class<?>> kinds =
        Arrays.stream(InboundEvent.Kind.values()).<Class<?>>map(InboundEvent.Kind::type).toList();
    assertThat(kinds).containsExactlyInAnyOrder(InboundEvent.class.getPermittedSubclasses());
  }

  @Test
  void shouldIgnoreContractTypesThatTellACandidateNothing() {
    assertThat(read("dev.ats.application.evaluation-submitted.v1", "{\"overallRating\":4}"))
        .isEmpty();
  }

  @Test
  void shouldReadARejectionExplanationGivenAsOneLineOrOnePerRequirement() {
    String rejected = "{\"applicationId\":\"%s\",\"reason\":\"INELIGIBLE\",\"explanation\":";
    assertThat(explanation(read("dev.ats.application.rejected.v1", rejected + "\"Too late\"}")))
        .containsExactly("Too late");
    assertThat(
            explanation(
                read(
                    "dev.ats.application.rejected.v1",
                    rejected + "[\"One\",{\"explanation\":\"Two\"},\" \"]}")))
        .containsExactly("One", "Two");
    assertThat(explanation(read("dev.ats.application.rejected.v1", rejected + "null}"))).isEmpty();
  }

  @Test
  void shouldNameWhatIsWrongWithAPayloadItCanNeverActOn() {
    assertPoison("dev.ats.application.hired.v1", "{\"applicationId\": oops", "is not JSON");
    assertPoison("dev.ats.application.hired.v1", "[]", "is not an object");
    assertPoison("dev.ats.application.hired.v1", "{}", "required field applicationId is missing");
    assertPoison(
        "dev.ats.application.submitted.v1",
        "{\"applicationId\":\"%s\",\"roleId\":\"%s\",\"candidateId\":\"%s\","
            + "\"candidate\":{\"firstName\":\"Grace\"},\"eligibility\":{\"outcome\":\"ELIGIBLE\"}}",
        "required field candidate.email is missing");
    assertPoison(
        "dev.ats.role.opened.v1",
        "{\"role\":{\"id\":\"not-a-uuid\",\"title\":\"x\",\"version\":1}}",
        "role.id is not a UUID: not-a-uuid");
    assertPoison(
        "dev.ats.role.updated.v1",
        "{\"role\":{\"id\":\"%2$s\",\"title\":\"x\",\"version\":\"seven\"}}",
        "role.version is missing or not a number");
    assertPoison(
        "dev.ats.candidate.erased.v1",
        "{\"candidateId\":\"%3$s\",\"applicationIds\":\"%1$s\"}",
        "applicationIds is not an array");
  }

  /** {@code body} may name the ids as {@code %1$s} (application), {@code %2$s}, {@code %3$s}. */
  private Optional<InboundEvent> read(String type, String body) {
    return reader.read(
        new CloudEvent(
            "e-1",
            type,
            "/ats/test",
            null,
            null,
            String.format(body, APPLICATION, ROLE, CANDIDATE)));
  }

  private static List<String> explanation(Optional<InboundEvent> event) {
    return ((InboundEvent.Rejected) event.orElseThrow()).explanation();
  }

  private void assertPoison(String type, String body, String reason) {
    assertThatThrownBy(() -> read(type, body))
        .isInstanceOf(PoisonEventException.class)
        .hasMessageContaining(reason);
  }
}
