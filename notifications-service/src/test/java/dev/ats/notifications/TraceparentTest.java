package dev.ats.notifications;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.notifications.Fixtures.Application;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The trace of the request that caused an event reaches the mail: the notification row keeps the
 * consumer's {@code traceparent}, which continues the record's, so that the delivery's send is a
 * span of the same trace.
 */
@QuarkusTest
class TraceparentTest {

  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  @Inject EntityManager em;

  @Test
  void shouldKeepTheRecordsTraceOnTheNotificationItWrites() {
    Application ada = Application.of("Ada", "Tracing Engineer - Intern");
    Fixtures.submittedTraced(ada, "00-" + TRACE_ID + "-00f067aa0ba902b7-01");
    Fixtures.awaitSent(ada.applicationId(), "APPLICATION_RECEIVED");

    assertThat(traceparents(ada))
        .singleElement()
        .asString()
        .matches("00-" + TRACE_ID + "-[0-9a-f]{16}-0[01]");
  }

  @Test
  void shouldNotCarryOneRecordsTraceOverToAnEventThatCarriesNone() {
    Application grace = Application.of("Grace", "Tracing Engineer - Intern");
    Fixtures.submittedTraced(grace, "00-" + TRACE_ID + "-00f067aa0ba902b7-01");
    Application alan = Application.of("Alan", "Tracing Engineer - Intern");
    Fixtures.submitted(alan, "ELIGIBLE");
    Fixtures.awaitSent(grace.applicationId(), "APPLICATION_RECEIVED");
    Fixtures.awaitSent(alan.applicationId(), "APPLICATION_RECEIVED");

    // Untraced: no traceparent, or (tracing on) a trace the consumer started for it alone.
    assertThat(traceparents(alan))
        .singleElement()
        .satisfies(
            traceparent ->
                assertThat(traceparent == null || !traceparent.toString().contains(TRACE_ID))
                    .isTrue());
  }

  @SuppressWarnings("unchecked")
  private List<Object> traceparents(Application application) {
    return QuarkusTransaction.requiringNew()
        .call(
            () ->
                em.createNativeQuery(
                        "select traceparent from notification where application_id = :id")
                    .setParameter("id", application.applicationId())
                    .getResultList());
  }
}
