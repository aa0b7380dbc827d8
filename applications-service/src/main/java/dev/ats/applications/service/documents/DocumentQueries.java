package dev.ats.applications.service.documents;

import dev.ats.applications.domain.Document;
import dev.ats.applications.service.ApplicationLookup;
import dev.ats.web.error.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.UUID;

/**
 * Reading an application's documents: by staff (the resource checks the groups) or by the candidate
 * with the application's access token ({@code token} not null). A wrong token, an unknown
 * application and another application's document are all 404s.
 */
@ApplicationScoped
@Transactional(Transactional.TxType.SUPPORTS)
public class DocumentQueries {

  private final ApplicationLookup lookup;
  private final DocumentStorages storages;

  public DocumentQueries(ApplicationLookup lookup, DocumentStorages storages) {
    this.lookup = lookup;
    this.storages = storages;
  }

  /** The application's documents, in upload order. */
  public List<DocumentDetails> list(UUID applicationId, String token) {
    checkAccess(applicationId, token);
    return Document.<Document>list("applicationId = ?1 order by uploadedAt, id", applicationId)
        .stream()
        .map(DocumentDetails::of)
        .toList();
  }

  /**
   * One document of the application, to download.
   *
   * @throws ApiException 503 {@code storage-unavailable} if its bytes are in a storage this
   *     deployment does not have (in a bucket, and no bucket configured), before anything is sent
   */
  public DocumentDetails get(UUID applicationId, UUID documentId, String token) {
    checkAccess(applicationId, token);
    Document doc = Document.findById(documentId);
    if (doc == null || !applicationId.equals(doc.applicationId)) {
      throw ApiException.notFound("Document", documentId);
    }
    storages.of(doc.storage);
    return DocumentDetails.of(doc);
  }

  /**
   * Streams the document's bytes from the storage its row names (call after {@link #get}, outside
   * any transaction).
   */
  public void copyTo(DocumentDetails document, OutputStream out) throws IOException {
    storages.of(document.storage()).copyTo(document.id(), document.storageKey(), out);
  }

  private void checkAccess(UUID applicationId, String token) {
    if (token != null) {
      lookup.withToken(applicationId, token, false);
    } else {
      lookup.existing(applicationId);
    }
  }
}
