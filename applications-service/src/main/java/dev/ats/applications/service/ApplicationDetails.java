package dev.ats.applications.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ats.applications.domain.Application;
import dev.ats.applications.domain.Candidate;
import dev.ats.applications.domain.EligibilityOutcome;
import dev.ats.applications.domain.PersonalDetails;
import dev.ats.applications.domain.RejectionReason;
import dev.ats.applications.domain.RuleOutcome;
import dev.ats.applications.domain.Stage;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An application as the services hand it out (the entity never leaves the service layer). */
public record ApplicationDetails(
    UUID id,
    UUID roleId,
    UUID candidateId,
    PersonalDetails candidate,
    boolean candidateErased,
    Stage stage,
    EligibilityOutcome eligibility,
    List<RuleOutcome> ruleOutcomes,
    RejectionReason rejectionReason,
    Map<String, JsonNode> answers,
    String source,
    String privacyPolicyVersion,
    Instant consentAcceptedAt,
    long version,
    Instant submittedAt,
    Instant updatedAt) {

  static ApplicationDetails of(Application app) {
    Candidate c = app.candidate;
    return new ApplicationDetails(
        app.id,
        app.roleId,
        c.id,
        c.details(),
        c.erasedAt != null,
        app.stage,
        app.eligibilityOutcome,
        app.eligibilityRules,
        app.rejectionReason,
        app.answers,
        app.source,
        app.consentPolicyVersion,
        app.consentAcceptedAt,
        app.version,
        app.submittedAt,
        app.updatedAt);
  }
}
