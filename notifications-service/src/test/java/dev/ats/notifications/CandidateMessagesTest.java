package dev.ats.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ats.notifications.Fixtures.Application;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.mail.MessagingException;
import jakarta.mail.internet.MimeMessage;
import java.util.List;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** Each application event gives the candidate the right message, once, at the right address. */
@QuarkusTest
class CandidateMessagesTest {

  @Test
  void shouldConfirmReceiptOfAnEligibleApplication() throws MessagingException {
    Application ada = Application.of("Ada", "Software Engineer - Intern");
    Fixtures.submitted(ada, "ELIGIBLE");

    MimeMessage mail = Fixtures.awaitMail(ada.email(), 1).get(0);

    assertThat(mail.getSubject())
        .isEqualTo("We received your application for Software Engineer - Intern");
    assertThat(TestSmtp.text(mail))
        .contains("Hi Ada,")
        .contains("Thank you for applying for")
        .doesNotContain("closer look");
    Fixtures.awaitSent(ada.applicationId(), "APPLICATION_RECEIVED");
  }

  @Test
  void shouldSayThatAnswersWillBeReviewedWhenEligibilityNeedsReview() throws MessagingException {
    Application grace = Application.of("Grace", "Security Engineer - Intern");
    Fixtures.submitted(grace, "NEEDS_REVIEW");

    MimeMessage mail = Fixtures.awaitMail(grace.email(), 1).get(0);

    assertThat(mail.getSubject()).contains("Security Engineer - Intern");
    assertThat(TestSmtp.text(mail)).contains("need a closer look");
  }

  @Test
  void shouldSendOnlyTheIneligibleRejectionListingTheUnmetRequirement() throws MessagingException {
    Application alan = Application.of("Alan", "Product Manager - Intern");
    Fixtures.submitted(alan, "INELIGIBLE");
    Fixtures.rejected(alan, "INELIGIBLE", List.of("Cannot commit to a 12-week internship"));

    Fixtures.awaitSent(alan.applicationId(), "REJECTION_INELIGIBLE");
    List<MimeMessage> mails = Fixtures.awaitMail(alan.email(), 1);

    assertThat(mails).hasSize(1);
    assertThat(mails.get(0).getSubject())
        .isEqualTo("Your application for Product Manager - Intern");
    assertThat(TestSmtp.text(mails.get(0)))
        .contains("does not meet a requirement")
        .contains("Cannot commit to a 12-week internship");
  }

  @Test
  void shouldAnnounceInterviewsAndOfferButNoOtherStageChange() throws MessagingException {
    Application linus = Application.of("Linus", "Software Engineer - Intern");
    Fixtures.submitted(linus, "ELIGIBLE");
    Fixtures.stageChanged(linus, "APPLIED", "SCREENING");
    Fixtures.stageChanged(linus, "SCREENING", "INTERVIEWING");
    Fixtures.stageChanged(linus, "INTERVIEWING", "OFFERED");
    Fixtures.stageChanged(linus, "OFFERED", "HIRED");
    Fixtures.hired(linus);

    Fixtures.awaitSent(
        linus.applicationId(), "APPLICATION_RECEIVED", "MOVING_TO_INTERVIEWS", "OFFER", "WELCOME");
    List<String> subjects = subjects(Fixtures.awaitMail(linus.email(), 4));

    assertThat(subjects)
        .containsExactlyInAnyOrder(
            "We received your application for Software Engineer - Intern",
            "Next step for Software Engineer - Intern: interviews",
            "An offer for Software Engineer - Intern",
            "Welcome aboard: Software Engineer - Intern");
  }

  @Test
  void shouldRejectKindlyWithItsOwnWordingWhenThePositionIsFilled() throws MessagingException {
    Application notAFit = Application.of("Barbara", "Data Engineer - Intern");
    Application filled = Application.of("Edsger", "Data Engineer - Intern");
    Fixtures.submitted(notAFit, "ELIGIBLE");
    Fixtures.submitted(filled, "ELIGIBLE");
    Fixtures.rejected(notAFit, "NOT_A_FIT", null);
    Fixtures.rejected(filled, "POSITION_FILLED", null);

    Fixtures.awaitSent(notAFit.applicationId(), "APPLICATION_RECEIVED", "REJECTION");
    Fixtures.awaitSent(filled.applicationId(), "APPLICATION_RECEIVED", "REJECTION_POSITION_FILLED");

    String kind = textWithSubject(notAFit.email(), "Your application for Data Engineer - Intern");
    String positionFilled =
        textWithSubject(filled.email(), "Your application for Data Engineer - Intern");
    assertThat(kind).contains("not to move forward").doesNotContain("filled");
    assertThat(positionFilled).contains("All openings for this role have now been filled");
  }

  @Test
  void shouldConfirmAWithdrawal() throws MessagingException {
    Application ken = Application.of("Ken", "Site Reliability Engineer - Intern");
    Fixtures.submitted(ken, "ELIGIBLE");
    Fixtures.withdrawn(ken);

    Fixtures.awaitSent(ken.applicationId(), "APPLICATION_RECEIVED", "WITHDRAWAL_CONFIRMED");

    assertThat(
            textWithSubject(
                ken.email(),
                "Your application for Site Reliability Engineer - Intern has been withdrawn"))
        .contains("has been withdrawn");
  }

  @Test
  void shouldWriteOneMessageWhenTheSameEventIsDeliveredTwice() throws MessagingException {
    Application dennis = Application.of("Dennis", "Compiler Engineer - Intern");
    String eventId = Fixtures.submitted(dennis, "ELIGIBLE");
    Fixtures.awaitSent(dennis.applicationId(), "APPLICATION_RECEIVED");

    // The producer's relay publishes it again after a crash: same ce_id, same payload. A later
    // event of the same application (same key, same partition) shows that it was consumed.
    Fixtures.submitted(dennis, "ELIGIBLE", eventId);
    Fixtures.stageChanged(dennis, "APPLIED", "INTERVIEWING");
    Fixtures.awaitSent(dennis.applicationId(), "APPLICATION_RECEIVED", "MOVING_TO_INTERVIEWS");

    assertThat(subjects(Fixtures.awaitMail(dennis.email(), 2)))
        .containsExactlyInAnyOrder(
            "We received your application for Compiler Engineer - Intern",
            "Next step for Compiler Engineer - Intern: interviews");
    assertThat(Fixtures.detail(idOf(dennis, "APPLICATION_RECEIVED")).getString("eventId"))
        .isEqualTo(eventId);
  }

  @Test
  void shouldEscapeWhatCandidatesAndRecruitersTyped() {
    Application mallory =
        Application.of("<script>alert(1)</script>{inject:config}", "Intern <b>&</b> {title}");
    Fixtures.submitted(mallory, "ELIGIBLE");

    Fixtures.awaitSent(mallory.applicationId(), "APPLICATION_RECEIVED");
    var detail =
        Fixtures.detail(Fixtures.notificationsOf(mallory.applicationId()).get(0).get("id"));

    assertThat(detail.getString("bodyHtml"))
        .contains("Hi &lt;script&gt;alert(1)&lt;/script&gt;{inject:config},")
        .contains("Intern &lt;b&gt;&amp;&lt;/b&gt; {title}")
        .doesNotContain("<script>")
        .doesNotContain("<b>");
    assertThat(detail.getString("bodyText"))
        .contains("Hi <script>alert(1)</script>{inject:config},")
        .contains("Intern <b>&</b> {title}");
    assertThat(detail.getString("subject"))
        .isEqualTo("We received your application for Intern <b>&</b> {title}");
  }

  @Test
  void shouldIgnoreEventTypesItDoesNotHandle() {
    Application ida = Application.of("Ida", "QA Engineer - Intern");
    Fixtures.submitted(ida, "ELIGIBLE");
    Fixtures.sendApplicationEvent(
        ida,
        UUID.randomUUID().toString(),
        "dev.ats.application.evaluation-submitted.v1",
        "{\"applicationId\":\"" + ida.applicationId() + "\",\"overallRating\":4}");
    Fixtures.sendApplicationEvent(
        ida, UUID.randomUUID().toString(), "dev.ats.application.something-new.v1", "not even json");
    Fixtures.stageChanged(ida, "APPLIED", "INTERVIEWING");

    Fixtures.awaitSent(ida.applicationId(), "APPLICATION_RECEIVED", "MOVING_TO_INTERVIEWS");
  }

  private static Object idOf(Application application, String type) {
    return Fixtures.notificationsOf(application.applicationId()).stream()
        .filter(n -> type.equals(n.get("type")))
        .findFirst()
        .orElseThrow()
        .get("id");
  }

  private static List<String> subjects(List<MimeMessage> mails) {
    return mails.stream()
        .map(
            m -> {
              try {
                return m.getSubject();
              } catch (MessagingException e) {
                throw new IllegalStateException(e);
              }
            })
        .toList();
  }

  private static String textWithSubject(String address, String subject) {
    await()
        .atMost(Fixtures.PATIENCE)
        .until(() -> subjects(TestSmtp.messagesTo(address)).contains(subject));
    return TestSmtp.messagesTo(address).stream()
        .filter(m -> subjects(List.of(m)).get(0).equals(subject))
        .map(TestSmtp::text)
        .findFirst()
        .orElseThrow();
  }
}
