package dev.ats.applications.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ats.applications.domain.EligibilityOutcome;
import dev.ats.applications.domain.PersonalDetails;
import dev.ats.applications.domain.RejectionReason;
import dev.ats.applications.domain.Stage;
import dev.ats.applications.service.ApplicationDetails;
import java.time.Instant;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An application as the API shows it. */
@Schema(name = "Application")
public record ApplicationView(
    UUID id,
    UUID roleId,
    UUID candidateId,
    CandidateView candidate,
    @Schema(example = "SUBMITTED") Stage stage,
    EligibilityView eligibility,
    @Schema(description = "Set when stage is REJECTED") RejectionReason rejectionReason,
    @Schema(description = "The answers to the role's questions; null after erasure")
        JsonNode answers,
    @Schema(example = "job-board") String source,
    ConsentView consent,
    @Schema(description = "Grows by one with every stage change; the ETag is \"<version>\"")
        long version,
    Instant submittedAt,
    Instant updatedAt,
    @JsonInclude(JsonInclude.Include.NON_NULL)
        @Schema(
            description =
                "Only in the response to the submission, once: the candidate's access token for"
                    + " X-Application-Token (32 random bytes, base64url)")
        String accessToken) {

  /** The API's view of an application (without its access token). */
  public static ApplicationView of(ApplicationDetails app) {
    PersonalDetails c = app.candidate();
    ObjectNode answers = null;
    if (app.answers() != null) {
      answers = JsonNodeFactory.instance.objectNode();
      answers.setAll(app.answers());
    }
    return new ApplicationView(
        app.id(),
        app.roleId(),
        app.candidateId(),
        new CandidateView(
            c.email(),
            c.firstName(),
            c.lastName(),
            c.phone(),
            c.school(),
            c.degree(),
            c.graduationDate(),
            c.links(),
            app.candidateErased()),
        app.stage(),
        new EligibilityView(
            app.eligibility(),
            app.ruleOutcomes().stream()
                .map(r -> new RuleResult(r.ruleId(), r.passed(), r.explanation()))
                .toList()),
        app.rejectionReason(),
        answers,
        app.source(),
        new ConsentView(app.privacyPolicyVersion(), app.consentAcceptedAt()),
        app.version(),
        app.submittedAt(),
        app.updatedAt(),
        null);
  }

  /** This view with the one-time access token, for the response to the submission only. */
  public ApplicationView withAccessToken(String token) {
    return new ApplicationView(
        id,
        roleId,
        candidateId,
        candidate,
        stage,
        eligibility,
        rejectionReason,
        answers,
        source,
        consent,
        version,
        submittedAt,
        updatedAt,
        token);
  }

  @Schema(name = "Candidate")
  public record CandidateView(
      @Schema(example = "ada@example.com") String email,
      @Schema(example = "Ada") String firstName,
      @Schema(example = "Lovelace") String lastName,
      String phone,
      String school,
      String degree,
      LocalDate graduationDate,
      List<String> links,
      @Schema(description = "True once the candidate's personal data was erased") boolean erased) {}

  @Schema(name = "Eligibility")
  public record EligibilityView(
      @Schema(example = "ELIGIBLE") EligibilityOutcome outcome, List<RuleResult> rules) {}

  @Schema(name = "RuleResult")
  public record RuleResult(
      @Schema(example = "commitsTwelveWeeks") String ruleId,
      boolean passed,
      @Schema(example = "Can you commit to 12 weeks? answered true; must be true")
          String explanation) {}

  @Schema(name = "ConsentRecord")
  public record ConsentView(
      @Schema(example = "2026-01") String privacyPolicyVersion, Instant acceptedAt) {}
}
