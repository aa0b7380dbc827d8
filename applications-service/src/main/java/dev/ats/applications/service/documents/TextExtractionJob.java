package dev.ats.applications.service.documents;

import dev.ats.applications.config.DocumentsConfig;
import dev.ats.applications.domain.Document;
import dev.ats.applications.domain.ExtractionState;
import dev.ats.platform.time.Timestamps;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Extracts the text of claimed documents, off the request path: every {@code
 * ats.documents.extraction.interval}, up to {@code batch-size} documents, each in its own
 * transaction that takes the row with {@code FOR UPDATE SKIP LOCKED} (replicas never extract the
 * same document and never wait for each other). Each document is bounded in time and memory:
 *
 * <ul>
 *   <li>it is read on a thread of its own, and its {@code timeout} starts when that thread starts
 *       it (not when it was queued); the extractors check the deadline as they go;
 *   <li>a thread that overruns its deadline (an extractor that ignores both the deadline and the
 *       interrupt) is abandoned: the job stops waiting, flags the document, and the next document
 *       gets a fresh thread, so one stuck document never blocks the others. The abandoned thread is
 *       left to finish or die (a daemon, at low priority), counted in {@value #ABANDONED_METRIC}
 *       and logged by document id only;
 *   <li>memory: {@code max-chars} of text, PDF pages, zip entry size and ratio, and PDFBox's
 *       buffers in temporary files up to {@code max-pdf-scratch-bytes} (see {@link
 *       TextExtractors}).
 * </ul>
 *
 * A document that fails for any reason is kept, flagged {@code FAILED} ({@code textExtracted:
 * false}) and never tried again. Either way {@link DocumentTextChanged} is fired for its
 * application.
 */
@ApplicationScoped
public class TextExtractionJob {

  private static final Logger LOG = Logger.getLogger(TextExtractionJob.class);

  /** Extraction threads abandoned past their deadline (a counter). */
  public static final String ABANDONED_METRIC = "ats.documents.extraction.abandoned";

  /** How long past the deadline the job waits for a thread to notice it before abandoning it. */
  static final Duration GRACE = Duration.ofSeconds(2);

  private final DocumentsConfig config;
  private final DocumentStorages storages;
  private final EntityManager em;
  private final Event<DocumentTextChanged> textChanged;
  private final TextExtractor extractor;
  private final Counter abandoned;
  private final AtomicLong threads = new AtomicLong();

  public TextExtractionJob(
      DocumentsConfig config,
      DocumentStorages storages,
      EntityManager em,
      Event<DocumentTextChanged> textChanged,
      Instance<TextExtractor> extractor,
      MeterRegistry registry) {
    this.config = config;
    this.storages = storages;
    this.em = em;
    this.textChanged = textChanged;
    // A test may supply its own (one that hangs); otherwise the real extractors.
    this.extractor =
        extractor.isResolvable() ? extractor.get() : new TextExtractors(config.extraction());
    this.abandoned =
        Counter.builder(ABANDONED_METRIC)
            .description("Text extractions abandoned on a thread that overran its deadline")
            .register(registry);
  }

  @Scheduled(
      every = "${ats.documents.extraction.interval:5s}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    runOnce();
  }

  /**
   * Extracts up to {@code batch-size} pending documents.
   *
   * @return how many were taken (extracted or flagged)
   */
  public int runOnce() {
    int done = 0;
    while (done < config.extraction().batchSize()) {
      boolean took = QuarkusTransaction.requiringNew().call(this::extractNext);
      if (!took) {
        break;
      }
      done++;
    }
    return done;
  }

  /** One pending document, locked for this transaction; false if there is none. */
  boolean extractNext() {
    @SuppressWarnings("unchecked")
    List<Object> ids =
        em.createNativeQuery(
                "select cast(id as varchar) from document where extraction_state = 'PENDING'"
                    + " and application_id is not null order by claimed_at, id limit 1"
                    + " for update skip locked")
            .getResultList();
    if (ids.isEmpty()) {
      return false;
    }
    Document doc = em.find(Document.class, UUID.fromString(ids.get(0).toString()));
    try {
      String text = extract(doc);
      doc.extractedText = text.replace('\0', ' ');
      doc.textExtracted = true;
      doc.extractionState = ExtractionState.DONE;
      doc.extractionError = null;
    } catch (Exception e) {
      String reason = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
      LOG.infof("document %s stored without text: %s", doc.id, reason);
      doc.extractedText = null;
      doc.textExtracted = false;
      doc.extractionState = ExtractionState.FAILED;
      doc.extractionError = reason.length() > 500 ? reason.substring(0, 500) : reason;
    }
    doc.extractedAt = Timestamps.now();
    em.flush();
    textChanged.fire(new DocumentTextChanged(doc.applicationId));
    return true;
  }

  private String extract(Document doc) throws Exception {
    Path file = Files.createTempFile("ats-document-", ".bin");
    try {
      try (OutputStream out = Files.newOutputStream(file)) {
        storages.of(doc.storage).copyTo(doc.id, doc.storageKey, out);
      }
      return extractOnItsOwnThread(doc.id, doc.contentType, file);
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.debugf("temporary file %s not deleted: %s", file, e.getMessage());
      }
    }
  }

  /**
   * Runs the extractor on a new thread whose deadline starts when the thread does; waits until then
   * (plus {@link #GRACE}) and abandons the thread if it has not finished.
   */
  private String extractOnItsOwnThread(UUID documentId, String type, Path file) throws Exception {
    Duration timeout = config.extraction().timeout();
    CompletableFuture<String> result = new CompletableFuture<>();
    CountDownLatch started = new CountDownLatch(1);
    Thread thread =
        new Thread(
            () -> {
              started.countDown();
              try {
                TextLimit limit =
                    new TextLimit(config.extraction().maxChars(), Instant.now().plus(timeout));
                result.complete(extractor.extract(type, file, limit));
              } catch (Throwable e) {
                result.completeExceptionally(e);
              }
            },
            "document-text-extraction-" + threads.incrementAndGet());
    thread.setDaemon(true);
    thread.start();
    started.await();
    try {
      return result.get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      thread.interrupt();
      thread.setPriority(Thread.MIN_PRIORITY);
      abandoned.increment();
      LOG.warnf(
          "text extraction of document %s overran its %s deadline; its thread %s is abandoned"
              + " and the next document gets a new one",
          documentId, timeout, thread.getName());
      throw new TextLimit.Exceeded("extraction took longer than allowed");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }
}
