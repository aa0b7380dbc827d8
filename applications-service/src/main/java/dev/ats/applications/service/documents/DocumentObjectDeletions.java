package dev.ats.applications.service.documents;

import dev.ats.applications.domain.Document;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * Deletes a bucket's objects only after the deletion of their rows committed. Whoever deletes a
 * document row ({@link DocumentErasure}, {@link UnclaimedDocumentPurge}, a failed upload)
 * {@linkplain #queue queues} its object in table {@code document_object_deletion} in the same
 * transaction; this job takes the due keys with {@code FOR UPDATE SKIP LOCKED} (replicas share the
 * work), deletes each object and then its queue row. It runs when a transaction that queued objects
 * commits, when the earliest retry falls due, and every {@code ats.documents.deletion.interval} (60
 * s) as the fallback (rows another instance queued or left). A failure keeps the row and tries
 * again later (10 s, doubling, at most an hour apart); a missing object counts as deleted. A key
 * whose storage this deployment does not have (no bucket configured any more) waits the same way
 * until one is: the erasure of the rows and text has committed regardless, and {@value
 * #PENDING_METRIC} shows what is still queued.
 */
@ApplicationScoped
public class DocumentObjectDeletions {

  private static final Logger LOG = Logger.getLogger(DocumentObjectDeletions.class);

  /** Objects queued for deletion and not yet deleted (a gauge, as of the job's last run). */
  public static final String PENDING_METRIC = "ats.documents.deletions.pending";

  static final int PAGE = 100;

  private static final Object WAKE_REGISTERED = new Object();

  private final DocumentStorages storages;
  private final EntityManager em;
  private final TransactionSynchronizationRegistry transactions;
  private final AtomicLong pending = new AtomicLong();
  private final AtomicBoolean runQueued = new AtomicBoolean();
  private ScheduledExecutorService worker;
  private ScheduledFuture<?> retry;

  public DocumentObjectDeletions(
      DocumentStorages storages,
      EntityManager em,
      TransactionSynchronizationRegistry transactions,
      MeterRegistry registry) {
    this.storages = storages;
    this.em = em;
    this.transactions = transactions;
    Gauge.builder(PENDING_METRIC, pending, AtomicLong::get)
        .description("Documents' objects whose rows are deleted and whose deletion is still to do")
        .register(registry);
  }

  /**
   * In the caller's transaction, before it deletes the row: remembers to delete the document's
   * object once that commits. Nothing for bytes kept in PostgreSQL (they go with the row).
   */
  @Transactional(Transactional.TxType.MANDATORY)
  public void queue(Document doc) {
    if (DocumentStorages.inDatabase(doc.storage) || doc.storageKey == null) {
      return;
    }
    em.createNativeQuery(
            "insert into document_object_deletion (document_id, storage, storage_key)"
                + " values (cast(?1 as uuid), ?2, ?3) on conflict (document_id) do nothing")
        .setParameter(1, doc.id.toString())
        .setParameter(2, doc.storage)
        .setParameter(3, doc.storageKey)
        .executeUpdate();
    wakeAfterCommit();
  }

  void start(@Observes StartupEvent event) {
    worker =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "document-object-deletions");
              t.setDaemon(true);
              return t;
            });
  }

  void stop(@Observes ShutdownEvent event) {
    if (worker != null) {
      worker.shutdownNow();
    }
  }

  /** The fallback pass, for rows nobody woke this instance for. */
  @Scheduled(
      every = "${ats.documents.deletion.interval:60s}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    wake();
  }

  /** Runs the job as soon as its thread is free (at most one run waits). */
  void wake() {
    if (worker != null && runQueued.compareAndSet(false, true)) {
      try {
        worker.execute(
            () -> {
              runQueued.set(false);
              try {
                runOnce();
              } catch (RuntimeException e) {
                LOG.warnf("deleting documents' objects paused: %s", e.getMessage());
              }
            });
      } catch (RejectedExecutionException e) {
        runQueued.set(false); // shutting down
      }
    }
  }

  /** Once per transaction: a run after it commits. */
  private void wakeAfterCommit() {
    if (transactions.getResource(WAKE_REGISTERED) != null) {
      return;
    }
    transactions.putResource(WAKE_REGISTERED, Boolean.TRUE);
    transactions.registerInterposedSynchronization(
        new Synchronization() {
          @Override
          public void beforeCompletion() {}

          @Override
          public void afterCompletion(int status) {
            if (status == Status.STATUS_COMMITTED) {
              wake();
            }
          }
        });
  }

  /** A run when the earliest retry falls due (unless one is already planned before it). */
  private synchronized void wakeIn(long millis) {
    if (worker == null) {
      return;
    }
    long delay = Math.max(0, millis) + 10;
    if (retry != null && !retry.isDone() && retry.getDelay(TimeUnit.MILLISECONDS) <= delay) {
      return;
    }
    if (retry != null) {
      retry.cancel(false);
    }
    try {
      retry = worker.schedule(this::wake, delay, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      // shutting down
    }
  }

  /**
   * Deletes the objects that are due, a page per transaction.
   *
   * @return how many objects were deleted
   */
  public int runOnce() {
    int deleted = 0;
    while (true) {
      Page page = QuarkusTransaction.requiringNew().call(this::deleteDuePage);
      deleted += page.deleted();
      if (page.taken() < PAGE) {
        break;
      }
    }
    // How many are left, and in how many ms the earliest of them falls due.
    Object[] left =
        QuarkusTransaction.requiringNew()
            .call(
                () ->
                    (Object[])
                        em.createNativeQuery(
                                "select count(*), cast(extract(epoch from"
                                    + " (min(next_attempt_at) - now())) * 1000 as bigint)"
                                    + " from document_object_deletion")
                            .getSingleResult());
    pending.set(((Number) left[0]).longValue());
    if (left[1] != null) {
      wakeIn(((Number) left[1]).longValue());
    }
    return deleted;
  }

  private record Page(int taken, int deleted) {}

  private Page deleteDuePage() {
    @SuppressWarnings("unchecked")
    List<Object[]> due =
        em.createNativeQuery(
                "select cast(document_id as varchar), storage, storage_key"
                    + " from document_object_deletion where next_attempt_at <= now()"
                    + " order by next_attempt_at limit ?1 for update skip locked")
            .setParameter(1, PAGE)
            .getResultList();
    int deleted = 0;
    for (Object[] row : due) {
      UUID documentId = UUID.fromString(row[0].toString());
      String storageName = (String) row[1];
      String key = (String) row[2];
      Optional<DocumentStorage> storage = storages.find(storageName);
      if (storage.isEmpty()) {
        retryLater(documentId, "no " + storageName + " storage is configured");
        continue;
      }
      try {
        storage.get().delete(documentId, key);
      } catch (RuntimeException e) {
        LOG.warnf("document %s: its object could not be deleted yet: %s", documentId, e);
        retryLater(documentId, String.valueOf(e.getMessage()));
        continue;
      }
      em.createNativeQuery(
              "delete from document_object_deletion where document_id = cast(?1 as uuid)")
          .setParameter(1, documentId.toString())
          .executeUpdate();
      deleted++;
    }
    return new Page(due.size(), deleted);
  }

  private void retryLater(UUID documentId, String error) {
    em.createNativeQuery(
            "update document_object_deletion set attempts = attempts + 1,"
                + " next_attempt_at = now() + least(interval '1 hour',"
                + " interval '10 seconds' * power(2, least(attempts, 9))),"
                + " last_error = left(?2, 500) where document_id = cast(?1 as uuid)")
        .setParameter(1, documentId.toString())
        .setParameter(2, error)
        .executeUpdate();
  }
}
