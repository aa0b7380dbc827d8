package dev.ats.applications;

import static dev.ats.applications.DocumentTests.states;
import static dev.ats.applications.Fixtures.WAIT;
import static dev.ats.applications.Fixtures.eligibleAnswers;
import static dev.ats.applications.Fixtures.email;
import static dev.ats.applications.Fixtures.openRole;
import static dev.ats.applications.Fixtures.submission;
import static dev.ats.applications.Fixtures.submit;
import static dev.ats.applications.TestDocuments.attachment;
import static dev.ats.applications.TestDocuments.pdf;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ats.applications.domain.Document;
import dev.ats.applications.domain.ExtractionState;
import dev.ats.applications.service.documents.HangingTextExtractor;
import dev.ats.applications.service.documents.TextExtractionJob;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The extraction job with an extractor that never stops ({@link HangingTextExtractor}). */
@QuarkusTest
class TextExtractionTest {

  @Inject MeterRegistry registry;

  @AfterEach
  void release() {
    HangingTextExtractor.release();
  }

  @Test
  void shouldAbandonAnExtractionThatIgnoresItsDeadlineAndInterruptsAndExtractTheNextDocument() {
    double abandonedBefore = abandoned();
    UUID role = openRole(2, false);
    UUID stuck =
        submitWith(
            role,
            attachment(
                (HangingTextExtractor.MARKER + " a parser that never returns")
                    .getBytes(StandardCharsets.US_ASCII),
                "stuck.txt",
                "RESUME"));
    UUID next = submitWith(role, attachment(pdf("After the stuck one: Elixir"), "n.pdf", "RESUME"));

    await().atMost(WAIT).until(() -> states(next).equals(List.of(ExtractionState.DONE)));
    assertThat(states(stuck)).containsExactly(ExtractionState.FAILED);
    assertThat(error(stuck)).contains("longer than allowed");
    // The stuck thread is still stuck (it was left behind, not stopped), and counted.
    assertThat(HangingTextExtractor.hanging()).isNotNull();
    assertThat(abandoned()).isEqualTo(abandonedBefore + 1);
  }

  private static UUID submitWith(UUID role, Map<String, Object> document) {
    Map<String, Object> body = submission(role, email(), eligibleAnswers());
    body.put("documents", List.of(document));
    return UUID.fromString(submit(body).path("id"));
  }

  private static String error(UUID app) {
    return QuarkusTransaction.requiringNew()
        .call(() -> Document.<Document>list("applicationId = ?1", app).get(0).extractionError);
  }

  private double abandoned() {
    var counter = registry.find(TextExtractionJob.ABANDONED_METRIC).counter();
    return counter == null ? 0 : counter.count();
  }
}
