package dev.ats.applications.service.documents;

import dev.ats.applications.domain.Document;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.transaction.Transactional;
import java.util.List;
import org.jboss.logging.Logger;
import java.util.UUID;

/**
 * Deletes applications' documents (rows, extracted text and bytes) in the caller's transaction: the
 * candidate's erasure. Fires {@link DocumentTextChanged} for each application that had any.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.MANDATORY)
public class DocumentErasure {

  private static final Logger LOG = Logger.getLogger(DocumentErasure.class);

  private final DocumentStorages storages;
  private final Event<DocumentTextChanged> textChanged;

  public DocumentErasure(DocumentStorages storages, Event<DocumentTextChanged> textChanged) {
    this.storages = storages;
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
      // Where the row says; a bucket no longer configured keeps its object (logged), so the
      // erasure itself still succeeds.
      storages
          .find(doc.storage)
          .ifPresentOrElse(
              s -> s.delete(doc.id, doc.storageKey),
              () -> LOG.warnf("document %s: its %s object is left behind", doc.id, doc.storage));
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
