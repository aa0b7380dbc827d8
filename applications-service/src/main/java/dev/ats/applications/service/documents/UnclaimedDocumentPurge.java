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

  private final DocumentStorage storage;

  public UnclaimedDocumentPurge(DocumentStorage storage) {
    this.storage = storage;
  }

  @Override
  public String name() {
    return "unclaimed documents";
  }

  @Override
  public int purge(Instant now) {
    List<Document> expired = Document.list("applicationId is null and expiresAt < ?1", now);
    for (Document doc : expired) {
      storage.delete(doc.id, doc.storageKey);
      doc.delete();
    }
    return expired.size();
  }
}
