package dev.ats.applications.service.documents;

import dev.ats.applications.domain.Document;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.List;
import java.util.UUID;

/**
 * Deletes applications' documents in the caller's transaction (the candidate's erasure): rows,
 * extracted text and bytes kept in PostgreSQL at once; objects in a bucket are queued and deleted
 * after the transaction commits ({@link DocumentObjectDeletions}), so a rolled-back erasure keeps
 * them, and a bucket that is not configured any more does not fail the erasure. Fires {@link
 * DocumentTextChanged} for each application that had any.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class DocumentErasure {

  private final DocumentObjectDeletions objects;
  private final Event<DocumentTextChanged> textChanged;

  public DocumentErasure(DocumentObjectDeletions objects, Event<DocumentTextChanged> textChanged) {
    this.objects = objects;
    this.textChanged = textChanged;
  }

  /**
   * @return how many documents were deleted
   */
  public int deleteOf(List<UUID> applicationIds) {
    if (applicationIds.isEmpty()) {
      return 0;
    }
    List<Document> documents = Document.list("applicationId in ?1", applicationIds);
    for (Document doc : documents) {
      // A bucket's object is deleted once this commits (a rollback keeps it with its row); bytes
      // in PostgreSQL go with the row now.
      objects.queue(doc);
      doc.delete();
    }
    Document.flush();
    documents.stream()
        .map(d -> d.applicationId)
        .distinct()
        .forEach(id -> textChanged.fire(new DocumentTextChanged(id)));
    return documents.size();
  }
}
