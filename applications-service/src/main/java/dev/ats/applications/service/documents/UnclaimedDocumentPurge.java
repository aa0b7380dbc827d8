package dev.ats.applications.service.documents;

import dev.ats.applications.config.DocumentsConfig;
import dev.ats.platform.housekeeping.Purge;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import java.time.Duration;
import java.time.Instant;

/**
 * Deletes uploads no submission claimed before they expired ({@code ats.documents.upload-expiry},
 * 24 hours), bytes included, on the platform's housekeeping schedule: a page of {@code
 * ats.documents.purge.page-size} (200) rows per transaction, so a backlog never becomes one long
 * transaction holding thousands of locks, until none is left or the run has spent {@code
 * ats.documents.purge.time-budget} (the next run goes on). Bytes in PostgreSQL go with their rows;
 * a bucket's objects are queued for {@link DocumentObjectDeletions} in the same transaction.
 */
@ApplicationScoped
public class UnclaimedDocumentPurge implements Purge {

  /**
   * One page: expired unclaimed uploads, locked and skipped if a submission holds one (it may be
   * claiming it this moment; PostgreSQL checks the condition again under the lock, so a document
   * claimed just before it expired stays); their objects queued; their rows deleted (and with them,
   * by cascade, bytes kept in PostgreSQL).
   */
  private static final String PAGE =
      """
      with expired as (
          select id from document
          where application_id is null and expires_at < cast(?1 as timestamptz)
          order by expires_at
          limit ?2
          for update skip locked),
      queued as (
          insert into document_object_deletion (document_id, storage, storage_key)
          select d.id, d.storage, d.storage_key from document d join expired e on e.id = d.id
          where d.storage <> 'POSTGRES' and d.storage_key is not null
          on conflict (document_id) do nothing)
      delete from document d using expired e where d.id = e.id
      """;

  private final DocumentsConfig config;
  private final EntityManager em;

  public UnclaimedDocumentPurge(DocumentsConfig config, EntityManager em) {
    this.config = config;
    this.em = em;
  }

  @Override
  public String name() {
    return "unclaimed documents";
  }

  @Override
  public int purge(Instant now) {
    return purge(now, config.purge().timeBudget());
  }

  /**
   * Pages until none is left or {@code budget} is spent (at least one page, whatever the budget).
   *
   * @return how many uploads were deleted
   */
  public int purge(Instant now, Duration budget) {
    long deadline = System.nanoTime() + budget.toNanos();
    int pageSize = config.purge().pageSize();
    int deleted = 0;
    while (true) {
      // Its own transaction (the housekeeping run's is suspended meanwhile).
      int page = QuarkusTransaction.requiringNew().call(() -> page(now, pageSize));
      deleted += page;
      if (page < pageSize || System.nanoTime() - deadline >= 0) {
        return deleted;
      }
    }
  }

  private int page(Instant now, int pageSize) {
    return em.createNativeQuery(PAGE)
        .setParameter(1, now.toString())
        .setParameter(2, pageSize)
        .executeUpdate();
  }
}
