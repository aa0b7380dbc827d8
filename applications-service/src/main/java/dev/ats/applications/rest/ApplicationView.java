package dev.ats.applications.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ats.applications.domain.EligibilityOutcome;
import dev.ats.applications.domain.PersonalDetails;
import dev.ats.applications.domain.RejectionReason;
import dev.ats.applications.domain.Stage;
import dev.ats.applications.service.ApplicationDetails;
import java.time.Instant;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
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
    @Schema(description = "Set when stage is REJECTED, null otherwise", nullable = true)
        RejectionReason rejectionReason,
    @Schema(
            description =
                "The answers to the role's questions (rule id → answer); null after erasure",
            type = SchemaType.OBJECT,
            additionalProperties = AnswerValue.class,
            nullable = true)
        Map<String, JsonNode> answers,
    @Schema(example = "job-board", nullable = true) String source,
    ConsentView consent,
    @Schema(description = "Grows by one with every stage change; the ETag is \"<version>\"")
        long version,
    Instant submittedAt,
    Instant updatedAt,
    @Schema(
            description =
                "Only in the response to the submission, once: the candidate's access token for"
                    + " X-Application-Token (32 random bytes, base64url); null in every other"
                    + " answer",
            nullable = true)
        String accessToken,
    @Schema(
            description =
                "Only in the list with `q`: how this application matched the search; null in"
                    + " every other answer",
            nullable = true)
        SearchMatch match) {

  /**
   * The API's view of an application (without its access token): whole for {@code staff}
   * (recruiters, hiring managers, integrations); for anyone else (the candidate) without {@code
   * eligibility.rules}, whose explanations name each rule's expected answer.
   */
  public static ApplicationView of(ApplicationDetails app, boolean staff) {
    PersonalDetails c = app.candidate();
    Map<String, JsonNode> answers =
        app.answers() == null ? null : new LinkedHashMap<>(app.answers());
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
            staff
                ? app.ruleOutcomes().stream()
                    .map(r -> new RuleResult(r.ruleId(), r.passed(), r.explanation()))
                    .toList()
                : null),
        app.rejectionReason(),
        answers,
        app.source(),
        new ConsentView(app.privacyPolicyVersion(), app.consentAcceptedAt()),
        app.version(),
        app.submittedAt(),
        app.updatedAt(),
        null,
        null);
  }

  /** This view with the one-time access token, for the response to the submission only. */
  public ApplicationView withAccessToken(String token) {
    return with(token, match);
  }

  /** This view with how it matched a search, for the list with {@code q}. */
  public ApplicationView withMatch(SearchMatch match) {
    return with(accessToken, match);
  }

  private ApplicationView with(String token, SearchMatch searchMatch) {
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
        token,
        searchMatch);
  }

  @Schema(name = "SearchMatch")
  public record SearchMatch(
      @Schema(
              description =
                  "Relevance: higher is better; the list is ordered by it (then by id). Only"
                      + " comparable within one search",
              example = "0.42")
          float rank,
      @Schema(
              description =
                  "Plain text (never HTML: show it as text) around the matched words, each"
                      + " between « and », from what the caller may read (the documents' text"
                      + " only for recruiters and hiring managers); null when there is nothing"
                      + " to show (e.g. an erased candidate)",
              example = "… built a «distributed» «systems» course in «Rust» …",
              nullable = true)
          String snippet) {}

  @Schema(name = "Candidate")
  public record CandidateView(
      @Schema(example = "ada@example.com", description = "null after erasure", nullable = true)
          String email,
      @Schema(example = "Ada", description = "null after erasure", nullable = true)
          String firstName,
      @Schema(example = "Lovelace", description = "null after erasure", nullable = true)
          String lastName,
      @Schema(example = "+44 20 7946 0000", nullable = true) String phone,
      @Schema(nullable = true) String school,
      @Schema(nullable = true) String degree,
      @Schema(nullable = true) LocalDate graduationDate,
      @Schema(nullable = true) List<String> links,
      @Schema(description = "True once the candidate's personal data was erased") boolean erased) {}

  @Schema(name = "Eligibility")
  public record EligibilityView(
      @Schema(example = "ELIGIBLE") EligibilityOutcome outcome,
      @Schema(
              description =
                  "Each rule's verdict; only for recruiters, hiring managers and integrations"
                      + " (null for the candidate: the explanations name the expected answers)",
              nullable = true)
          List<RuleResult> rules) {}

  @Schema(name = "RuleResult")
  public record RuleResult(
      @Schema(example = "commitsTwelveWeeks") String ruleId,
      boolean passed,
      @Schema(
              example = "Can you commit to 12 weeks? answered true; must be true",
              description = "null after erasure",
              nullable = true)
          String explanation) {}

  @Schema(name = "ConsentRecord")
  public record ConsentView(
      @Schema(example = "2026-01") String privacyPolicyVersion, Instant acceptedAt) {}

  /**
   * One answer, as the question's answerType wants it: true or false (BOOLEAN), a number (NUMBER),
   * a date YYYY-MM-DD (DATE), one of the options (CHOICE). Documentation only.
   */
  @Schema(
      name = "AnswerValue",
      description =
          "An answer: true or false (BOOLEAN), a number (NUMBER), a date YYYY-MM-DD (DATE) or one"
              + " of the question's options (CHOICE)",
      anyOf = {Boolean.class, Double.class, String.class},
      example = "true")
  public interface AnswerValue {}
}
