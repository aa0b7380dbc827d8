package dev.ats.applications.service.documents;

import dev.ats.applications.config.DocumentsConfig;
import dev.ats.applications.domain.Document;
import dev.ats.applications.domain.ExtractionState;
import dev.ats.platform.time.Timestamps;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.jboss.logging.Logger;

/**
 * Extracts the text of claimed documents, off the request path: every {@code
 * ats.documents.extraction.interval}, up to {@code batch-size} documents, each in its own
 * transaction that takes the row with {@code FOR UPDATE SKIP LOCKED} (replicas never extract the
 * same document and never wait for each other). Each document is bounded in time ({@code timeout}:
 * the extractors check the deadline as they go, and the job stops waiting at the deadline) and in
 * memory ({@code max-chars}, PDF pages, zip entry size and ratio). A document that fails for any
 * reason is kept, flagged {@code FAILED} ({@code textExtracted: false}) and never tried again, so
 * it cannot block the next one. Either way {@link DocumentTextChanged} is fired for its
 * application.
 */
@ApplicationScoped
public class TextExtractionJob {

  private static final Logger LOG = Logger.getLogger(TextExtractionJob.class);

  private final DocumentsConfig config;
  private final DocumentStorage storage;
  private final EntityManager em;
  private final Event<DocumentTextChanged> textChanged;
  private final TextExtractors extractors;
  private final ExecutorService worker =
      Executors.newSingleThreadExecutor(
          r -> {
            Thread t = new Thread(r, "document-text-extraction");
            t.setDaemon(true);
            return t;
          });

  public TextExtractionJob(
      DocumentsConfig config,
      DocumentStorage storage,
      EntityManager em,
      Event<DocumentTextChanged> textChanged) {
    this.config = config;
    this.storage = storage;
    this.em = em;
    this.textChanged = textChanged;
    this.extractors = new TextExtractors(config.extraction());
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
    Instant deadline = Instant.now().plus(config.extraction().timeout());
    try {
      String text = extract(doc, deadline);
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

  private String extract(Document doc, Instant deadline) throws Exception {
    Path file = Files.createTempFile("ats-document-", ".bin");
    try {
      try (OutputStream out = Files.newOutputStream(file)) {
        storage.copyTo(doc.id, doc.storageKey, out);
      }
      TextLimit limit = new TextLimit(config.extraction().maxChars(), deadline);
      String type = doc.contentType;
      Future<String> result = worker.submit(() -> extractors.extract(type, file, limit));
      try {
        return result.get(
            Math.max(1, deadline.toEpochMilli() - System.currentTimeMillis()),
            TimeUnit.MILLISECONDS);
      } catch (TimeoutException e) {
        result.cancel(true);
        throw new TextLimit.Exceeded("extraction took longer than allowed");
      } catch (ExecutionException e) {
        throw e.getCause() instanceof Exception cause ? cause : e;
      }
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        LOG.debugf("temporary file %s not deleted: %s", file, e.getMessage());
      }
    }
  }
}
