package dev.ats.applications.service;

import dev.ats.applications.domain.ApplicationSearch;
import dev.ats.applications.service.documents.DocumentTextChanged;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.List;

/**
 * Keeps the search columns current when the documents' text of an application changes (extracted,
 * or deleted on erasure). Submission and erasure rebuild them themselves.
 */
@ApplicationScoped
public class SearchIndexing {

  private final ApplicationSearch search;

  public SearchIndexing(ApplicationSearch search) {
    this.search = search;
  }

  /** In the transaction that changed the text (the event is fired synchronously inside it). */
  void onDocumentTextChanged(@Observes DocumentTextChanged changed) {
    search.refresh(List.of(changed.applicationId()));
  }
}
