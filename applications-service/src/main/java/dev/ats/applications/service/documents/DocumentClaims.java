package dev.ats.applications.service.documents;

import dev.ats.applications.domain.Document;
import dev.ats.applications.domain.DocumentKind;
import dev.ats.applications.domain.ExtractionState;
import dev.ats.applications.service.AccessTokens;
import dev.ats.web.error.ApiException;
import dev.ats.web.error.Problem;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.LockModeType;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * The documents a submission attaches: checked (at most one RESUME, at most 3 others, a RESUME when
 * the role requires one; each an unexpired, unclaimed upload whose token matches) and claimed in
 * the submission's transaction. The uploads' rows are locked, so two submissions cannot claim one.
 */
@ApplicationScoped
public class DocumentClaims {

  static final int MAX_OTHERS = 3;

  /**
   * The uploads to claim, locked, in the order given.
   *
   * @throws ApiException 400 with a violation on {@code documents} (counts, missing résumé) or
   *     {@code documents[i]} (unknown, wrong token, expired, claimed, given twice)
   */
  public List<Document> check(List<DocumentRef> refs, boolean resumeRequired, Instant now) {
    List<DocumentRef> given = refs == null ? List.of() : refs;
    List<Problem.Violation> violations = new ArrayList<>();
    long resumes = given.stream().filter(r -> r.kind() == DocumentKind.RESUME).count();
    if (resumes > 1) {
      violations.add(new Problem.Violation("documents", "at most one RESUME"));
    }
    if (given.size() - resumes > MAX_OTHERS) {
      violations.add(
          new Problem.Violation(
              "documents", "at most " + MAX_OTHERS + " documents besides a RESUME"));
    }
    if (resumeRequired && resumes == 0) {
      violations.add(new Problem.Violation("documents", "this role requires a RESUME"));
    }
    List<Document> documents = new ArrayList<>();
    Set<UUID> seen = new HashSet<>();
    for (int i = 0; i < given.size(); i++) {
      DocumentRef ref = given.get(i);
      String field = "documents[" + i + "]";
      if (ref == null || ref.id() == null || ref.kind() == null) {
        violations.add(new Problem.Violation(field, "id, uploadToken and kind are required"));
        continue;
      }
      if (!seen.add(ref.id())) {
        violations.add(new Problem.Violation(field, "this document is given twice"));
        continue;
      }
      Document doc = Document.findById(ref.id(), LockModeType.PESSIMISTIC_WRITE);
      // Unknown, wrong token, claimed and expired read alike: nothing about others' uploads leaks.
      if (doc == null
          || doc.applicationId != null
          || !doc.expiresAt.isAfter(now)
          || !AccessTokens.matches(ref.uploadToken(), doc.uploadTokenHash)) {
        violations.add(
            new Problem.Violation(
                field, "no unclaimed, unexpired upload with this id and upload token"));
        continue;
      }
      documents.add(doc);
    }
    if (!violations.isEmpty()) {
      throw ApiException.invalid(violations);
    }
    return documents;
  }

  /** Attaches the checked uploads to the application (same order as the refs given to check). */
  public void claim(
      List<Document> documents, List<DocumentRef> refs, UUID applicationId, Instant now) {
    for (int i = 0; i < documents.size(); i++) {
      Document doc = documents.get(i);
      doc.applicationId = applicationId;
      doc.kind = refs.get(i).kind();
      doc.claimedAt = now;
      doc.uploadTokenHash = null;
      doc.extractionState = ExtractionState.PENDING;
    }
  }
}
