package dev.ats.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ats.notifications.Fixtures.Application;
import dev.ats.notifications.service.RespondByService;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

/**
 * The posting's promise ("we may not get back to every candidate until December 1"): by a role's
 * respond-by date, every candidate still waiting hears something, exactly once.
 */
@QuarkusTest
class RespondByTest {

  @Inject RespondByService respondBy;
  @Inject EntityManager em;

  @Test
  void shouldSendOneStatusUpdateToEachUndecidedApplicationNotToldAnythingYet()
      throws MessagingException {
    UUID roleId = UUID.randomUUID();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Fixtures.role("opened", roleId, "Software Engineer - Intern", today.plusDays(20), 3);
    Application waiting = Application.of("Ada", "Software Engineer - Intern", roleId);
    Application screened = Application.of("Grace", "Software Engineer - Intern", roleId);
    Application interviewing = Application.of("Alan", "Software Engineer - Intern", roleId);
    Application hired = Application.of("Linus", "Software Engineer - Intern", roleId);
    Application rejected = Application.of("Barbara", "Software Engineer - Intern", roleId);
    Application withdrawn = Application.of("Ken", "Software Engineer - Intern", roleId);
    for (Application each : List.of(waiting, screened, interviewing, hired, rejected, withdrawn)) {
      Fixtures.submitted(each, "ELIGIBLE");
    }
    String screening = Fixtures.stageChanged(screened, "APPLIED", "SCREENING");
    Fixtures.stageChanged(interviewing, "APPLIED", "INTERVIEWING");
    Fixtures.hired(hired);
    Fixtures.rejected(rejected, "NOT_A_FIT", null);
    Fixtures.withdrawn(withdrawn);
    Fixtures.awaitSent(
        interviewing.applicationId(), "APPLICATION_RECEIVED", "MOVING_TO_INTERVIEWS");
    Fixtures.awaitSent(hired.applicationId(), "APPLICATION_RECEIVED", "WELCOME");
    Fixtures.awaitSent(rejected.applicationId(), "APPLICATION_RECEIVED", "REJECTION");
    Fixtures.awaitSent(withdrawn.applicationId(), "APPLICATION_RECEIVED", "WITHDRAWAL_CONFIRMED");
    Fixtures.awaitSent(waiting.applicationId(), "APPLICATION_RECEIVED");
    await().atMost(Fixtures.PATIENCE).until(() -> Fixtures.processed(em, screening));

    // The respond-by date passes (here: the recruiter sets it to yesterday).
    Fixtures.role("updated", roleId, "Software Engineer - Intern", today.minusDays(1), 4);

    Fixtures.awaitSent(waiting.applicationId(), "APPLICATION_RECEIVED", "STATUS_UPDATE");
    Fixtures.awaitSent(screened.applicationId(), "APPLICATION_RECEIVED", "STATUS_UPDATE");

    // Two instances running the job at the same moment, and more runs later, add nothing.
    CompletableFuture<Integer> one =
        CompletableFuture.supplyAsync(respondBy::writeDueStatusUpdates);
    CompletableFuture<Integer> two =
        CompletableFuture.supplyAsync(respondBy::writeDueStatusUpdates);
    CompletableFuture.allOf(one, two).join();
    respondBy.writeDueStatusUpdates();

    assertThat(Fixtures.typesOf(waiting.applicationId()))
        .containsExactly("APPLICATION_RECEIVED", "STATUS_UPDATE");
    assertThat(Fixtures.typesOf(screened.applicationId()))
        .containsExactly("APPLICATION_RECEIVED", "STATUS_UPDATE");
    assertThat(Fixtures.typesOf(interviewing.applicationId()))
        .containsExactly("APPLICATION_RECEIVED", "MOVING_TO_INTERVIEWS");
    assertThat(Fixtures.typesOf(hired.applicationId()))
        .containsExactly("APPLICATION_RECEIVED", "WELCOME");
    assertThat(Fixtures.typesOf(rejected.applicationId()))
        .containsExactly("APPLICATION_RECEIVED", "REJECTION");
    assertThat(Fixtures.typesOf(withdrawn.applicationId()))
        .containsExactly("APPLICATION_RECEIVED", "WITHDRAWAL_CONFIRMED");
    MimeMessage update =
        Fixtures.awaitMail(waiting.email(), 2).stream()
            .filter(m -> subject(m).startsWith("An update on your application"))
            .findFirst()
            .orElseThrow();
    assertThat(update.getSubject())
        .isEqualTo("An update on your application for Software Engineer - Intern");
    assertThat(TestSmtp.text(update)).contains("We have not made a decision yet");
  }

  @Test
  void shouldWaitUntilTheRespondByDateAndIgnoreOutdatedRoleVersions() {
    UUID roleId = UUID.randomUUID();
    LocalDate today = LocalDate.now(ZoneOffset.UTC);
    Fixtures.role("opened", roleId, "Data Engineer - Intern", today.plusDays(30), 5);
    Application early = Application.of("Edsger", "Data Engineer - Intern", roleId);
    Fixtures.submitted(early, "ELIGIBLE");
    Fixtures.awaitSent(early.applicationId(), "APPLICATION_RECEIVED");
    // An older version, redelivered late, with a past date must not move the promise.
    String outdated =
        Fixtures.role("updated", roleId, "Data Engineer - Intern", today.minusDays(9), 4);
    await().atMost(Fixtures.PATIENCE).until(() -> Fixtures.processed(em, outdated));

    respondBy.writeDueStatusUpdates();
    assertThat(Fixtures.typesOf(early.applicationId())).containsExactly("APPLICATION_RECEIVED");

    // The recruiter moves the date to today: the promise is due now.
    Fixtures.role("updated", roleId, "Data Engineer - Intern", today, 6);
    Fixtures.awaitSent(early.applicationId(), "APPLICATION_RECEIVED", "STATUS_UPDATE");
  }

  private static String subject(MimeMessage message) {
    try {
      return message.getSubject();
    } catch (MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
