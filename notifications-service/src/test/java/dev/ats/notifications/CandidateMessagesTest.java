package dev.ats.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ats.notifications.Events.Application;
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
    Events.submitted(ada, "ELIGIBLE");

    MimeMessage mail = Api.awaitMail(ada.email(), 1).get(0);

    assertThat(mail.getSubject())
        .isEqualTo("We received your application for Software Engineer - Intern");
    assertThat(TestSmtp.text(mail))
        .contains("Hi Ada,")
        .contains("Thank you for applying for")
        .doesNotContain("closer look");
    Api.awaitSent(ada.applicationId(), "APPLICATION_RECEIVED");
  }

  @Test
  void shouldSayThatAnswersWillBeReviewedWhenEligibilityNeedsReview() throws MessagingException {
    Application grace = Application.of("Grace", "Security Engineer - Intern");
    Events.submitted(grace, "NEEDS_REVIEW");

    MimeMessage mail = Api.awaitMail(grace.email(), 1).get(0);

    assertThat(mail.getSubject()).contains("Security Engineer - Intern");
    assertThat(TestSmtp.text(mail)).contains("need a closer look");
  }

  @Test
  void shouldSendOnlyTheIneligibleRejectionListingTheUnmetRequirement() throws MessagingException {
    Application alan = Application.of("Alan", "Product Manager - Intern");
    Events.submitted(alan, "INELIGIBLE");
    Events.rejected(alan, "INELIGIBLE", List.of("Cannot commit to a 12-week internship"));

    Api.awaitSent(alan.applicationId(), "REJECTION_INELIGIBLE");
    List<MimeMessage> mails = Api.awaitMail(alan.email(), 1);

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
    Events.submitted(linus, "ELIGIBLE");
    Events.stageChanged(linus, "APPLIED", "SCREENING");
    Events.stageChanged(linus, "SCREENING", "INTERVIEWING");
    Events.stageChanged(linus, "INTERVIEWING", "OFFERED");
    Events.stageChanged(linus, "OFFERED", "HIRED");
    Events.hired(linus);

    Api.awaitSent(
        linus.applicationId(), "APPLICATION_RECEIVED", "MOVING_TO_INTERVIEWS", "OFFER", "WELCOME");
    List<String> subjects = subjects(Api.awaitMail(linus.email(), 4));

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
    Events.submitted(notAFit, "ELIGIBLE");
    Events.submitted(filled, "ELIGIBLE");
    Events.rejected(notAFit, "NOT_A_FIT", null);
    Events.rejected(filled, "POSITION_FILLED", null);

    Api.awaitSent(notAFit.applicationId(), "APPLICATION_RECEIVED", "REJECTION");
    Api.awaitSent(filled.applicationId(), "APPLICATION_RECEIVED", "REJECTION_POSITION_FILLED");

    String kind = textWithSubject(notAFit.email(), "Your application for Data Engineer - Intern");
    String positionFilled =
        textWithSubject(filled.email(), "Your application for Data Engineer - Intern");
    assertThat(kind).contains("not to move forward").doesNotContain("filled");
    assertThat(positionFilled).contains("All openings for this role have now been filled");
  }

  @Test
  void shouldConfirmAWithdrawal() throws MessagingException {
    Application ken = Application.of("Ken", "Site Reliability Engineer - Intern");
    Events.submitted(ken, "ELIGIBLE");
    Events.withdrawn(ken);

    Api.awaitSent(ken.applicationId(), "APPLICATION_RECEIVED", "WITHDRAWAL_CONFIRMED");

    assertThat(
            textWithSubject(
                ken.email(),
                "Your application for Site Reliability Engineer - Intern has been withdrawn"))
        .contains("has been withdrawn");
  }

  @Test
  void shouldWriteOneMessageWhenTheSameEventIsDeliveredTwice() throws MessagingException {
    Application dennis = Application.of("Dennis", "Compiler Engineer - Intern");
    String eventId = Events.submitted(dennis, "ELIGIBLE");
    Api.awaitSent(dennis.applicationId(), "APPLICATION_RECEIVED");

    // The producer's relay publishes it again after a crash: same ce_id, same payload. A later
    // event of the same application (same key, same partition) shows that it was consumed.
    Events.submitted(dennis, "ELIGIBLE", eventId);
    Events.stageChanged(dennis, "APPLIED", "INTERVIEWING");
    Api.awaitSent(dennis.applicationId(), "APPLICATION_RECEIVED", "MOVING_TO_INTERVIEWS");

    assertThat(subjects(Api.awaitMail(dennis.email(), 2)))
        .containsExactlyInAnyOrder(
            "We received your application for Compiler Engineer - Intern",
            "Next step for Compiler Engineer - Intern: interviews");
    assertThat(Api.detail(idOf(dennis, "APPLICATION_RECEIVED")).getString("eventId"))
        .isEqualTo(eventId);
  }

  @Test
  void shouldEscapeWhatCandidatesAndRecruitersTyped() {
    Application mallory =
        Application.of("<script>alert(1)</script>{inject:config}", "Intern <b>&</b> {title}");
    Events.submitted(mallory, "ELIGIBLE");

    Api.awaitSent(mallory.applicationId(), "APPLICATION_RECEIVED");
    var detail = Api.detail(Api.notificationsOf(mallory.applicationId()).get(0).get("id"));

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
    Events.submitted(ida, "ELIGIBLE");
    Events.sendApplicationEvent(
        ida,
        UUID.randomUUID().toString(),
        "dev.ats.application.evaluation-submitted.v1",
        "{\"applicationId\":\"" + ida.applicationId() + "\",\"overallRating\":4}");
    Events.sendApplicationEvent(
        ida, UUID.randomUUID().toString(), "dev.ats.application.something-new.v1", "not even json");
    Events.stageChanged(ida, "APPLIED", "INTERVIEWING");

    Api.awaitSent(ida.applicationId(), "APPLICATION_RECEIVED", "MOVING_TO_INTERVIEWS");
  }

  private static Object idOf(Application application, String type) {
    return Api.notificationsOf(application.applicationId()).stream()
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
        .atMost(Api.PATIENCE)
        .until(() -> subjects(TestSmtp.messagesTo(address)).contains(subject));
    return TestSmtp.messagesTo(address).stream()
        .filter(m -> subjects(List.of(m)).get(0).equals(subject))
        .map(TestSmtp::text)
        .findFirst()
        .orElseThrow();
  }
}
