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
import static dev.ats.applications.TestDocuments.upload;
import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasItem;

import dev.ats.applications.domain.Document;
import dev.ats.applications.domain.ExtractionState;
import dev.ats.applications.service.documents.HangingTextExtractor;
import dev.ats.applications.service.documents.TextExtractionJob;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.test.junit.QuarkusTest;
import jakarta.inject.Inject;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The extraction job with an extractor that never stops ({@link HangingTextExtractor}). */
@QuarkusTest
class TextExtractionTest {

  /** Two documents that each hang past their 20 s deadline plus 2 s, one after the other. */
  private static final Duration TWO_HANGS = Duration.ofMinutes(3);

  @Inject MeterRegistry registry;
  @Inject TextExtractionJob job;
  @Inject EntityManager em;

  @AfterEach
  void release() {
    HangingTextExtractor.release();
  }

  @Test
  void shouldAbandonAnExtractionThatIgnoresItsDeadlineAndInterruptsAndExtractTheNextDocument() {
    double abandonedBefore = abandoned();
    UUID role = openRole(2, false);
    UUID stuck = submitWith(role, hanging("a parser that never returns"));
    UUID next = submitWith(role, attachment(pdf("After the stuck one: Elixir"), "n.pdf", "RESUME"));

    await().atMost(WAIT).until(() -> states(next).equals(List.of(ExtractionState.DONE)));
    assertThat(states(stuck)).containsExactly(ExtractionState.FAILED);
    assertThat(error(stuck)).contains("longer than allowed");
    // The stuck thread is still stuck (it was left behind, not stopped), and counted.
    assertThat(HangingTextExtractor.hanging()).isNotNull();
    assertThat(abandoned()).isEqualTo(abandonedBefore + 1);
  }

  /**
   * With max-abandoned-threads (2 in the tests) abandoned threads still running the job starts no
   * extraction and the liveness check says why; once they end, extraction goes on.
   */
  @Test
  void shouldStopExtractingAndFailLivenessWhileTooManyAbandonedThreadsStillRun() {
    await().atMost(WAIT).until(() -> job.abandonedThreadsRunning() == 0);
    UUID role = openRole(3, false);
    UUID first = submitWith(role, hanging("first"));
    UUID second = submitWith(role, hanging("second"));
    await()
        .atMost(TWO_HANGS)
        .until(
            () ->
                states(first).equals(List.of(ExtractionState.FAILED))
                    && states(second).equals(List.of(ExtractionState.FAILED)));
    assertThat(job.abandonedThreadsRunning()).isEqualTo(2);
    given()
        .get("/q/health/live")
        .then()
        .statusCode(503)
        .body("checks.name", hasItem("document text extraction"))
        .body("checks.find { it.name == 'document text extraction' }.status", equalTo("DOWN"))
        .body(
            "checks.find { it.name == 'document text extraction' }.data.abandonedThreadsRunning",
            equalTo(2));

    UUID next = submitWith(role, attachment(pdf("Waits for the cap: OCaml"), "n.pdf", "RESUME"));
    assertThat(job.runOnce()).isZero();
    assertThat(states(next)).containsExactly(ExtractionState.PENDING);

    HangingTextExtractor.release();
    await().atMost(WAIT).until(() -> job.abandonedThreadsRunning() == 0);
    given()
        .get("/q/health/live")
        .then()
        .body("checks.find { it.name == 'document text extraction' }.status", equalTo("UP"));
    await().atMost(WAIT).until(() -> states(next).equals(List.of(ExtractionState.DONE)));
  }

  /**
   * An attempt is committed before the extraction starts: a document whose extraction never
   * finished (the process died in it) is taken again only after its lease, and flagged after three
   * attempts instead of heading the queue forever.
   */
  @Test
  void shouldRetryAnAttemptThatNeverFinishedAndGiveUpAfterThree() {
    UUID app = Fixtures.submitEligible(openRole(1)).id();
    UUID crashedOnce = claimedDocument(app, pdf("crashed once: Prolog"), 1, "1 day");
    UUID crashedThrice = claimedDocument(app, pdf("crashed thrice: Ada"), 3, "1 day");
    UUID underLease = claimedDocument(app, pdf("being extracted elsewhere: Lisp"), 1, "0 seconds");

    await()
        .atMost(WAIT)
        .until(
            () ->
                state(crashedOnce) == ExtractionState.DONE
                    && state(crashedThrice) == ExtractionState.FAILED);
    assertThat(document(crashedOnce).extractionAttempts).isEqualTo(2);
    assertThat(text(crashedOnce)).contains("Prolog");
    assertThat(document(crashedThrice).extractionError).contains("never finished");
    job.runOnce();
    assertThat(state(underLease)).isEqualTo(ExtractionState.PENDING);
  }

  private static Map<String, Object> hanging(String text) {
    return attachment(
        (HangingTextExtractor.MARKER + " " + text).getBytes(StandardCharsets.US_ASCII),
        "stuck.txt",
        "RESUME");
  }

  /** An upload attached to the application as if an earlier attempt had started long ago. */
  private UUID claimedDocument(UUID app, byte[] pdf, int attempts, String startedAgo) {
    UUID id = UUID.fromString(upload(pdf, "cv.pdf", "application/pdf").path("id"));
    QuarkusTransaction.requiringNew()
        .run(
            () ->
                em.createNativeQuery(
                        "update document set application_id = cast(?1 as uuid),"
                            + " kind = 'PORTFOLIO', claimed_at = now(), upload_token_hash = null,"
                            + " extraction_attempts = ?2,"
                            + " extraction_started_at = now() - cast(?3 as interval)"
                            + " where id = cast(?4 as uuid)")
                    .setParameter(1, app.toString())
                    .setParameter(2, attempts)
                    .setParameter(3, startedAgo)
                    .setParameter(4, id.toString())
                    .executeUpdate());
    return id;
  }

  private static Document document(UUID id) {
    return QuarkusTransaction.requiringNew().call(() -> Document.<Document>findById(id));
  }

  private static String text(UUID id) {
    return QuarkusTransaction.requiringNew()
        .call(() -> Document.<Document>findById(id).extractedText);
  }

  private static ExtractionState state(UUID id) {
    return QuarkusTransaction.requiringNew()
        .call(() -> Document.<Document>findById(id).extractionState);
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
