package dev.ats.notifications;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ats.notifications.Fixtures.Application;
import dev.ats.notifications.service.DeliveryService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.mail.internet.MimeMessage;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/**
 * Many messages at once (a bulk action, a respond-by day): claimed in batches, sent over pooled
 * connections with bounded parallelism, and still each row delivered once with one attempt record
 * per try.
 *
 * <p>A try may fail for reasons of the SMTP server's own (an idle pooled connection it closed with
 * 421, say) and be retried: that is correct delivery, so these tests count the tries that were
 * <em>sent</em> — one per row — and the messages the server received — one per recipient.
 */
@QuarkusTest
class BurstDeliveryTest {

  @Inject EntityManager em;
  @Inject DeliveryService deliveries;

  @Test
  void shouldDeliverABurstOnceEachWithOneAttemptAndAStableMessageId() {
    List<Application> burst =
        IntStream.range(0, 120)
            .mapToObj(i -> Application.of("Burst" + i, "Data Engineer - Intern"))
            .toList();
    burst.forEach(a -> Fixtures.submitted(a, "ELIGIBLE"));

    for (Application a : burst) {
      Fixtures.awaitSent(a.applicationId(), "APPLICATION_RECEIVED");
    }
    await("no second copy of any message")
        .during(Duration.ofSeconds(3))
        .atMost(Fixtures.PATIENCE)
        .until(() -> burst.stream().allMatch(a -> TestSmtp.messagesTo(a.email()).size() == 1));
    for (Application a : burst) {
      Object id = Fixtures.notificationsOf(a.applicationId()).get(0).get("id");
      assertThat(Fixtures.detail(id).getList("deliveryAttempts.outcome", String.class))
          .containsOnlyOnce("SENT");
      MimeMessage mail = TestSmtp.messagesTo(a.email()).get(0);
      assertThat(messageId(mail)).isEqualTo("<" + id + "@notifications.ats>");
    }
  }

  @Test
  void shouldNeverSendARowTwiceWhenSendersRaceForIt() throws Exception {
    String run = UUID.randomUUID().toString().substring(0, 8);
    List<String> recipients =
        IntStream.range(0, 80).mapToObj(i -> "race-" + run + "-" + i + "@example.com").toList();
    // Rows written without waking anybody: the senders below race for them (and the fallback pass).
    QuarkusTransaction.requiringNew()
        .run(
            () -> {
              for (String recipient : recipients) {
                em.createNativeQuery(
                        "insert into notification (id, event_id, event_type, type, recipient,"
                            + " subject, body_text, body_html, status, attempts, next_attempt_at,"
                            + " created_at) values (:id, :event, 'test', 'APPLICATION_RECEIVED',"
                            + " :recipient, 'Race', 'race', '<p>race</p>', 'PENDING', 0, now(),"
                            + " now())")
                    .setParameter("id", UUID.randomUUID())
                    .setParameter("event", "race-" + recipient)
                    .setParameter("recipient", recipient)
                    .executeUpdate();
              }
            });

    ExecutorService racers = Executors.newFixedThreadPool(4);
    try {
      List<Future<Integer>> tried = new ArrayList<>();
      for (int i = 0; i < 4; i++) {
        tried.add(racers.submit(deliveries::deliverDue));
      }
      for (Future<Integer> f : tried) {
        f.get();
      }
    } finally {
      racers.shutdown();
    }

    await("every row sent")
        .atMost(Fixtures.PATIENCE)
        .until(() -> sentAttemptsPerRow(run).stream().allMatch(n -> n >= 1));
    await("each exactly once")
        .during(Duration.ofSeconds(3))
        .atMost(Fixtures.PATIENCE)
        .until(() -> recipients.stream().allMatch(r -> TestSmtp.messagesTo(r).size() == 1));
    assertThat(sentAttemptsPerRow(run)).hasSize(80).containsOnly(1L);
  }

  /** Sent delivery attempts of each race row (failed tries that were retried not counted). */
  private List<Long> sentAttemptsPerRow(String run) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                em
                    .createNativeQuery(
                        "select count(a.id) from notification n left join delivery_attempt a"
                            + " on a.notification_id = n.id and a.outcome = 'SENT' where n.recipient like :prefix"
                            + " group by n.id",
                        Long.class)
                    .setParameter("prefix", "race-" + run + "-%")
                    .getResultList()
                    .stream()
                    .map(Long.class::cast)
                    .toList());
  }

  private static String messageId(MimeMessage mail) {
    try {
      return mail.getMessageID();
    } catch (jakarta.mail.MessagingException e) {
      throw new IllegalStateException(e);
    }
  }
}
