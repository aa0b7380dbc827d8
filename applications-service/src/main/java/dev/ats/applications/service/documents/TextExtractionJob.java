package dev.ats.applications.service.documents;

import dev.ats.applications.config.DocumentsConfig;
import dev.ats.applications.domain.Document;
import dev.ats.applications.domain.ExtractionState;
import dev.ats.applications.service.IdleBackOff;
import dev.ats.platform.time.Timestamps;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.configuration.DurationConverter;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.enterprise.inject.Instance;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Extracts the text of claimed documents, off the request path: every {@code
 * ats.documents.extraction.interval} (5 s), up to {@code batch-size} documents; quiet when idle,
 * each run that finds none doubles the wait before the next, up to {@code
 * ats.documents.extraction.idle-interval} (10 s), and a run that finds one goes back to every
 * interval ({@link IdleBackOff}: the claims are written by the submission, which does not wake this
 * job). Each document is taken in a transaction of its own with {@code FOR UPDATE SKIP LOCKED}
 * (replicas never take the same one), and its attempt is committed before anything else happens
 * ({@code extraction_attempts}, {@code extraction_started_at}): nobody takes it again for {@link
 * #lease} (by then its extraction has ended one way or the other, unless the process died), a
 * retried one queues behind the documents never tried, and after {@value #MAX_ATTEMPTS} attempts
 * that never finished (a crash, an {@code OutOfMemoryError} starting its thread, a bucket that
 * could not be read) it is flagged instead of being taken forever. The result is written in another
 * transaction. Each document is bounded in time and memory:
 *
 * <ul>
 *   <li>it is read on a thread of its own, and its {@code timeout} starts when that thread starts
 *       it (not when it was queued); the extractors check the deadline as they go;
 *   <li>a thread that overruns its deadline (an extractor that ignores both the deadline and the
 *       interrupt) is abandoned: the job stops waiting, flags the document, and the next document
 *       gets a fresh thread. The abandoned thread is left to finish or die (a daemon, at low
 *       priority), counted in {@value #ABANDONED_METRIC} and logged by document id only;
 *   <li>at most {@code max-abandoned-threads} (4) abandoned threads may still run: at the cap the
 *       job starts no extraction, {@value #ABANDONED_RUNNING_METRIC} says so, and the liveness
 *       check ({@link ExtractionThreadsCheck}) fails, so the pod is restarted (the only thing that
 *       frees such threads); if they end by themselves, extraction resumes;
 *   <li>memory: {@code max-chars} of text, PDF pages, zip entry size and ratio, and PDFBox's
 *       buffers in temporary files up to {@code max-pdf-scratch-bytes} (see {@link
 *       TextExtractors}).
 * </ul>
 *
 * A document that fails for any reason of its own is kept, flagged {@code FAILED} ({@code
 * textExtracted: false}) and never tried again. Either way {@link DocumentTextChanged} is fired for
 * its application.
 */
@ApplicationScoped
public class TextExtractionJob {

  private static final Logger LOG = Logger.getLogger(TextExtractionJob.class);

  /** Extraction threads abandoned past their deadline (a counter). */
  public static final String ABANDONED_METRIC = "ats.documents.extraction.abandoned";

  /** Abandoned extraction threads still running (a gauge). */
  public static final String ABANDONED_RUNNING_METRIC =
      "ats.documents.extraction.abandoned.running";

  /** How long past the deadline the job waits for a thread to notice it before abandoning it. */
  static final Duration GRACE = Duration.ofSeconds(2);

  /** Extractions started on one document before it is flagged without being tried again. */
  static final int MAX_ATTEMPTS = 3;

  private final DocumentsConfig config;
  private final DocumentStorages storages;
  private final EntityManager em;
  private final Event<DocumentTextChanged> textChanged;
  private final TextExtractor extractor;
  private final Counter abandoned;
  private final Set<Thread> abandonedThreads = ConcurrentHashMap.newKeySet();
  private final AtomicBoolean atCapLogged = new AtomicBoolean();
  private final AtomicLong threads = new AtomicLong();
  private final IdleBackOff idle;

  public TextExtractionJob(
      DocumentsConfig config,
      DocumentStorages storages,
      EntityManager em,
      Event<DocumentTextChanged> textChanged,
      Instance<TextExtractor> extractor,
      MeterRegistry registry) {
    this.config = config;
    this.idle =
        new IdleBackOff(
            DurationConverter.parseDuration(config.extraction().interval()),
            config.extraction().idleInterval());
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
    Gauge.builder(ABANDONED_RUNNING_METRIC, this, TextExtractionJob::abandonedThreadsRunning)
        .description(
            "Abandoned text extraction threads still running (at max-abandoned-threads the job"
                + " stops and the liveness check fails)")
        .register(registry);
  }

  @Scheduled(
      every = "${ats.documents.extraction.interval:5s}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    long now = System.nanoTime();
    if (idle.due(now)) {
      idle.ran(now, runOnce() > 0);
    }
  }

  /** Abandoned extraction threads that are still alive. */
  public int abandonedThreadsRunning() {
    abandonedThreads.removeIf(t -> !t.isAlive());
    return abandonedThreads.size();
  }

  /** The cap on {@link #abandonedThreadsRunning()} ({@code max-abandoned-threads}). */
  public int maxAbandonedThreads() {
    return config.extraction().maxAbandonedThreads();
  }

  /**
   * Extracts up to {@code batch-size} pending documents, none while {@link #maxAbandonedThreads()}
   * abandoned threads still run.
   *
   * @return how many were taken (extracted, flagged, or tried and left for later)
   */
  public int runOnce() {
    int done = 0;
    while (done < config.extraction().batchSize()) {
      if (atCap()) {
        break;
      }
      Optional<Attempt> next = QuarkusTransaction.requiringNew().call(this::takeNext);
      if (next.isEmpty()) {
        break;
      }
      done++;
      Attempt attempt = next.get();
      if (attempt.gaveUp()) {
        continue;
      }
      Outcome tried;
      try {
        tried = extract(attempt);
      } catch (NotStarted e) {
        // Not the document's fault: it stays PENDING (its attempt is counted) and the run stops.
        LOG.errorf(
            e.getCause(),
            "text extraction of document %s could not start; stopping this run",
            attempt.id());
        break;
      } catch (NotRead e) {
        LOG.warnf(
            "document %s could not be read for extraction (attempt %d of %d): %s",
            attempt.id(), attempt.number(), MAX_ATTEMPTS, e.getMessage());
        continue;
      }
      Outcome outcome = tried;
      QuarkusTransaction.requiringNew().run(() -> record(attempt.id(), outcome));
    }
    return done;
  }

  private boolean atCap() {
    int running = abandonedThreadsRunning();
    int max = maxAbandonedThreads();
    if (running < max) {
      atCapLogged.set(false);
      return false;
    }
    if (atCapLogged.compareAndSet(false, true)) {
      LOG.errorf(
          "text extraction stopped: %d abandoned extraction threads still run (at most %d); the"
              + " liveness check fails until they end or the service restarts",
          running, max);
    }
    return true;
  }

  /** A document taken for extraction, its attempt committed. */
  record Attempt(
      UUID id,
      UUID applicationId,
      String storage,
      String storageKey,
      String contentType,
      int number,
      boolean gaveUp) {}

  /** The extraction's result: text, or why there is none. */
  private record Outcome(String text, String error) {}

  /**
   * How long an attempt keeps its document from being taken again: past it the extraction has ended
   * (done, flagged or abandoned) unless the process died during it.
   */
  Duration lease() {
    return config.extraction().timeout().multipliedBy(2).plus(GRACE).plus(Duration.ofMinutes(1));
  }

  /**
   * The next pending document not under another attempt's lease, locked; its attempt counted and
   * committed with this transaction. One tried {@value #MAX_ATTEMPTS} times is flagged instead.
   */
  Optional<Attempt> takeNext() {
    Instant now = Timestamps.now();
    @SuppressWarnings("unchecked")
    List<Object> ids =
        em.createNativeQuery(
                "select cast(id as varchar) from document where extraction_state = 'PENDING'"
                    + " and application_id is not null"
                    + " and (extraction_started_at is null"
                    + " or extraction_started_at < cast(?1 as timestamptz))"
                    + " order by extraction_attempts, claimed_at, id limit 1"
                    + " for update skip locked")
            .setParameter(1, now.minus(lease()).toString())
            .getResultList();
    if (ids.isEmpty()) {
      return Optional.empty();
    }
    Document doc = em.find(Document.class, UUID.fromString(ids.get(0).toString()));
    if (doc.extractionAttempts >= MAX_ATTEMPTS) {
      LOG.warnf(
          "document %s: %d extractions started and none finished; stored without text",
          doc.id, doc.extractionAttempts);
      flag(doc, "extraction was started " + doc.extractionAttempts + " times and never finished");
      return Optional.of(
          new Attempt(doc.id, doc.applicationId, null, null, null, doc.extractionAttempts, true));
    }
    doc.extractionAttempts++;
    doc.extractionStartedAt = now;
    em.flush();
    return Optional.of(
        new Attempt(
            doc.id,
            doc.applicationId,
            doc.storage,
            doc.storageKey,
            doc.contentType,
            doc.extractionAttempts,
            false));
  }

  /** Writes the outcome, unless the document went meanwhile (erased) or is no longer pending. */
  private void record(UUID documentId, Outcome outcome) {
    Document doc = em.find(Document.class, documentId, LockModeType.PESSIMISTIC_WRITE);
    if (doc == null || doc.extractionState != ExtractionState.PENDING) {
      return;
    }
    if (outcome.error() == null) {
      doc.extractedText = outcome.text().replace('\0', ' ');
      doc.textExtracted = true;
      doc.extractionState = ExtractionState.DONE;
      doc.extractionError = null;
      doc.extractedAt = Timestamps.now();
      em.flush();
      textChanged.fire(new DocumentTextChanged(doc.applicationId));
    } else {
      LOG.infof("document %s stored without text: %s", doc.id, outcome.error());
      flag(doc, outcome.error());
    }
  }

  private void flag(Document doc, String reason) {
    doc.extractedText = null;
    doc.textExtracted = false;
    doc.extractionState = ExtractionState.FAILED;
    doc.extractionError = reason.length() > 500 ? reason.substring(0, 500) : reason;
    doc.extractedAt = Timestamps.now();
    em.flush();
    textChanged.fire(new DocumentTextChanged(doc.applicationId));
  }

  private Outcome extract(Attempt attempt) throws NotStarted, NotRead {
    Path file;
    try {
      file = Files.createTempFile("ats-document-", ".bin");
    } catch (IOException e) {
      throw new NotRead(e);
    }
    try {
      try (OutputStream out = Files.newOutputStream(file)) {
        storages.of(attempt.storage()).copyTo(attempt.id(), attempt.storageKey(), out);
      } catch (IOException | RuntimeException e) {
        // The storage's fault, not the document's: tried again after the lease.
        throw new NotRead(e);
      }
      try {
        return new Outcome(extractOnItsOwnThread(attempt.id(), attempt.contentType(), file), null);
      } catch (NotStarted e) {
        throw e;
      } catch (Exception e) {
        return new Outcome(
            null, e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage());
      }
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
    Thread thread;
    try {
      thread =
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
    } catch (Throwable e) {
      // OutOfMemoryError "unable to create native thread", mostly: the document is not to blame.
      throw new NotStarted(e);
    }
    started.await();
    try {
      return result.get(timeout.plus(GRACE).toMillis(), TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      thread.interrupt();
      thread.setPriority(Thread.MIN_PRIORITY);
      abandonedThreads.add(thread);
      abandoned.increment();
      LOG.warnf(
          "text extraction of document %s overran its %s deadline; its thread %s is abandoned"
              + " (%d of at most %d still running) and the next document gets a new one",
          documentId, timeout, thread.getName(), abandonedThreadsRunning(), maxAbandonedThreads());
      throw new TextLimit.Exceeded("extraction took longer than allowed");
    } catch (ExecutionException e) {
      throw e.getCause() instanceof Exception cause ? cause : e;
    }
  }

  /** The extraction thread could not be started. */
  private static final class NotStarted extends Exception {
    NotStarted(Throwable cause) {
      super(cause);
    }
  }

  /** The document's bytes could not be read from its storage. */
  private static final class NotRead extends Exception {
    NotRead(Throwable cause) {
      super(cause.getMessage(), cause);
    }
  }
}
