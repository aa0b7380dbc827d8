package dev.ats.applications.service.documents;

import dev.ats.applications.domain.Document;
import dev.ats.platform.housekeeping.Purge;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.List;

/**
 * Deletes uploads no submission claimed before they expired ({@code ats.documents.upload-expiry},
 * 24 hours), bytes included, on the platform's housekeeping schedule.
 */
@ApplicationScoped
public class UnclaimedDocumentPurge implements Purge {

  private final DocumentObjectDeletions objects;

  public UnclaimedDocumentPurge(DocumentObjectDeletions objects) {
    this.objects = objects;
  }

  @Override
  public String name() {
    return "unclaimed documents";
  }

  @Override
  public int purge(Instant now) {
    // Locked and skipped if a submission holds one (it may be claiming it this moment), and
    // checked again under the lock, so a document claimed just before it expired stays.
    List<Document> expired =
        Document.<Document>find("applicationId is null and expiresAt < ?1", now)
            .withLock(jakarta.persistence.LockModeType.PESSIMISTIC_WRITE)
            .withHint("jakarta.persistence.lock.timeout", -2)
            .list();
    for (Document doc : expired) {
      objects.queue(doc);
      doc.delete();
    }
    return expired.size();
  }
}
