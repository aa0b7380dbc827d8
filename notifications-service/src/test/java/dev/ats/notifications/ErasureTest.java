package dev.ats.notifications;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ats.infra.test.TestTokens;
import dev.ats.notifications.Fixtures.Application;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** candidate.erased purges the candidate's personal data from everything this service keeps. */
@QuarkusTest
class ErasureTest {

  @Inject EntityManager em;

  @AfterEach
  void smtpIsBack() {
    if (TestSmtp.isStopped()) {
      TestSmtp.restart();
    }
  }

  @Test
  void shouldPurgePersonalDataAndCancelWhatIsStillPending() {
    UUID candidateId = UUID.randomUUID();
    UUID roleId = UUID.randomUUID();
    Application first =
        new Application(
            UUID.randomUUID(),
            roleId,
            "Software Engineer - Intern",
            candidateId,
            "erase-me-" + candidateId + "@example.com",
            "Ada");
    Application second =
        new Application(
            UUID.randomUUID(),
            UUID.randomUUID(),
            "Data Engineer - Intern",
            candidateId,
            first.email(),
            "Ada");
    Fixtures.submitted(first, "ELIGIBLE");
    Fixtures.awaitSent(first.applicationId(), "APPLICATION_RECEIVED");
    // The second message cannot go out yet: it is still PENDING when the erasure arrives.
    TestSmtp.stopServer();
    Fixtures.submitted(second, "ELIGIBLE");
    await()
        .atMost(Fixtures.PATIENCE)
        .until(() -> !Fixtures.notificationsOf(second.applicationId()).isEmpty());

    Fixtures.erased(candidateId, List.of(first.applicationId(), second.applicationId()));

    await()
        .atMost(Fixtures.PATIENCE)
        .until(
            () ->
                Fixtures.notificationsOf(second.applicationId()).stream()
                    .allMatch(n -> "CANCELLED".equals(n.get("status"))));
    TestSmtp.restart();
    for (Application application : List.of(first, second)) {
      JsonPath detail =
          Fixtures.detail(Fixtures.notificationsOf(application.applicationId()).get(0).get("id"));
      assertThat(detail.getString("recipient")).isNull();
      assertThat(detail.getString("bodyText")).isNull();
      assertThat(detail.getString("bodyHtml")).isNull();
      assertThat(detail.getString("erasedAt")).isNotNull();
      assertThat(detail.getString("subject")).doesNotContain("Ada");
    }
    assertThat(Fixtures.notificationsOf(first.applicationId()).get(0).get("status"))
        .isEqualTo("SENT");
    assertThat(
            given()
                .header("Authorization", TestTokens.recruiter())
                .queryParam("candidateEmail", first.email())
                .get("/api/v1/notifications")
                .then()
                .statusCode(200)
                .extract()
                .jsonPath()
                .getList("items"))
        .isEmpty();
    assertThat(personalDataLeftFor(candidateId, first.email())).isZero();

    // Later events of those applications write to nobody.
    Fixtures.stageChanged(first, "APPLIED", "INTERVIEWING");
    Fixtures.stageChanged(first, "INTERVIEWING", "OFFERED");
    Application marker = Application.of("Marker", "Software Engineer - Intern");
    Fixtures.submitted(marker, "ELIGIBLE");
    Fixtures.awaitSent(marker.applicationId(), "APPLICATION_RECEIVED");
    assertThat(Fixtures.typesOf(first.applicationId())).containsExactly("APPLICATION_RECEIVED");
    assertThat(TestSmtp.messagesTo(first.email())).isEmpty();
  }

  @Test
  void shouldNotWriteToACandidateErasedBeforeTheirApplicationArrived() {
    Application late = Application.of("Grace", "Security Engineer - Intern");
    // candidate.erased is keyed by candidate id: it may overtake the application's own events.
    String erasure = Fixtures.erased(late.candidateId(), List.of(late.applicationId()));
    await().atMost(Fixtures.PATIENCE).until(() -> Fixtures.processed(em, erasure));

    Fixtures.submitted(late, "ELIGIBLE");
    String last = Fixtures.stageChanged(late, "APPLIED", "INTERVIEWING");
    await().atMost(Fixtures.PATIENCE).until(() -> Fixtures.processed(em, last));

    assertThat(Fixtures.notificationsOf(late.applicationId())).isEmpty();
    assertThat(personalDataLeftFor(late.candidateId(), late.email())).isZero();
  }

  /** Rows of any table of this service that still hold the address or the name. */
  private long personalDataLeftFor(UUID candidateId, String email) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                ((Number)
                        em.createNativeQuery(
                                "select (select count(*) from application_copy where candidate_id"
                                    + " = :c and (candidate_email is not null or"
                                    + " candidate_first_name is not null))"
                                    + " + (select count(*) from notification where candidate_id"
                                    + " = :c and (recipient is not null or body_text is not null"
                                    + " or body_html is not null))"
                                    + " + (select count(*) from notification where"
                                    + " lower(recipient) = lower(:e))")
                            .setParameter("c", candidateId)
                            .setParameter("e", email)
                            .getSingleResult())
                    .longValue());
  }
}
