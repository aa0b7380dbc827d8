package dev.ats.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;

import dev.ats.notifications.Fixtures.Application;
import io.quarkus.test.junit.QuarkusTest;
import io.restassured.path.json.JsonPath;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Delivery is apart from consumption: an SMTP outage delays mail, it never loses it. */
@QuarkusTest
class DeliveryTest {

  @AfterEach
  void smtpIsBack() {
    if (TestSmtp.isStopped()) {
      TestSmtp.restart();
    }
  }

  @Test
  void shouldRetryWhileTheSmtpServerRefusesAndDeliverOnceItIsBack() {
    TestSmtp.stopServer();
    Application ada = Application.of("Ada", "Software Engineer - Intern");
    Fixtures.submitted(ada, "ELIGIBLE");

    // Consuming goes on while mail cannot be sent: the notification is written and tried.
    Object id = awaitNotification(ada);
    await()
        .atMost(Fixtures.PATIENCE)
        .until(() -> Fixtures.detail(id).getList("deliveryAttempts").size() >= 2);
    JsonPath pending = Fixtures.detail(id);
    assertThat(pending.getString("status")).isEqualTo("PENDING");
    assertThat(pending.getString("deliveryAttempts[0].outcome")).isEqualTo("FAILED");
    assertThat(pending.getString("lastError")).isNotBlank();

    TestSmtp.restart();

    assertThat(Fixtures.awaitMail(ada.email(), 1)).hasSize(1);
    await()
        .atMost(Fixtures.PATIENCE)
        .until(() -> "SENT".equals(Fixtures.detail(id).getString("status")));
    JsonPath sent = Fixtures.detail(id);
    List<Map<String, Object>> attempts = sent.getList("deliveryAttempts");
    assertThat(attempts.get(attempts.size() - 1).get("outcome")).isEqualTo("SENT");
    assertThat(attempts.subList(0, attempts.size() - 1))
        .allMatch(attempt -> "FAILED".equals(attempt.get("outcome")));
  }

  @Test
  void shouldFailAfterTheLastAttemptAndSendWhenARecruiterRetries() {
    TestSmtp.stopServer();
    Application grace = Application.of("Grace", "Security Engineer - Intern");
    Fixtures.submitted(grace, "ELIGIBLE");
    Object id = awaitNotification(grace);

    await()
        .atMost(Fixtures.PATIENCE)
        .until(() -> "FAILED".equals(Fixtures.detail(id).getString("status")));
    assertThat(Fixtures.detail(id).getList("deliveryAttempts")).hasSize(6);
    TestSmtp.restart();

    Fixtures.retry(id)
        .statusCode(200)
        .body("status", equalTo("PENDING"))
        .body("attempts", equalTo(0));

    assertThat(Fixtures.awaitMail(grace.email(), 1)).hasSize(1);
    await()
        .atMost(Fixtures.PATIENCE)
        .until(() -> "SENT".equals(Fixtures.detail(id).getString("status")));
    // Six refused tries, then the recruiter's retry: it sends exactly once. A try the server
    // itself cuts short after its restart (GreenMail's "421 … socket timeout") is one more FAILED
    // attempt before the SENT one, never a second message.
    List<Map<String, Object>> attempts = Fixtures.detail(id).getList("deliveryAttempts");
    assertThat(attempts).hasSizeGreaterThanOrEqualTo(7);
    assertThat(attempts.subList(0, attempts.size() - 1))
        .allMatch(attempt -> "FAILED".equals(attempt.get("outcome")));
    assertThat(attempts.get(attempts.size() - 1).get("outcome")).isEqualTo("SENT");
    assertThat(TestSmtp.messagesTo(grace.email())).hasSize(1);
    Fixtures.retry(id)
        .statusCode(409)
        .contentType("application/problem+json")
        .body("currentStatus", equalTo("SENT"));
  }

  private static Object awaitNotification(Application application) {
    await()
        .atMost(Fixtures.PATIENCE)
        .until(() -> !Fixtures.notificationsOf(application.applicationId()).isEmpty());
    return Fixtures.notificationsOf(application.applicationId()).get(0).get("id");
  }
}
