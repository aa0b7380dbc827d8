package dev.ats.applications.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ats.applications.domain.PersonalDetails;
import dev.ats.applications.service.documents.DocumentRef;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * A submission, as the service layer takes it: the role, who applies (optional details not given: a
 * returning candidate keeps theirs), their answers to the role's questions (rule id → answer), the
 * privacy policy version they accepted, where they came from and the uploads they attach (may be
 * empty).
 */
public record NewApplication(
    UUID roleId,
    PersonalDetails applicant,
    Map<String, JsonNode> answers,
    String privacyPolicyVersion,
    String source,
    List<DocumentRef> documents) {

  public NewApplication {
    documents = documents == null ? List.of() : List.copyOf(documents);
  }
}
