package dev.ats.applications.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ats.applications.domain.DocumentKind;
import dev.ats.applications.domain.PersonalDetails;
import dev.ats.applications.service.NewApplication;
import dev.ats.applications.service.documents.DocumentRef;
import jakarta.validation.Valid;
import jakarta.validation.constraints.AssertTrue;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The body of {@code POST /api/v1/applications}. */
@Schema(name = "SubmitApplication")
public record SubmitApplicationRequest(
    @NotNull @Schema(example = "6f1c2b1e-6a0f-4a4f-9a39-1d2b0f3c4d5e") UUID roleId,
    @NotNull @Valid CandidateDetails candidate,
    @Schema(
            description =
                "Answers to the role's eligibility questions: rule id → answer (true/false for"
                    + " BOOLEAN, a number for NUMBER, YYYY-MM-DD for DATE, one of the options for"
                    + " CHOICE)",
            example = "{\"commitsTwelveWeeks\": true, \"graduationDate\": \"2027-06-30\"}",
            type = SchemaType.OBJECT,
            additionalProperties = ApplicationView.AnswerValue.class)
        Map<String, JsonNode> answers,
    @NotNull @Valid Consent consent,
    @Size(max = 200) @Schema(example = "job-board") String source,
    @Schema(
            description =
                "Uploads (POST /api/v1/documents) to attach, claimed by this submission: at most"
                    + " one RESUME (required when the role's resumeRequired is true) and at most 3"
                    + " others. An unknown id, a wrong token, an expired or already claimed upload"
                    + " is a 400 on documents[i].")
        @Size(max = 10)
        List<@NotNull @Valid DocumentInput> documents) {

  /** The submission as the service layer takes it. */
  public NewApplication toNewApplication() {
    return new NewApplication(
        roleId,
        new PersonalDetails(
            candidate.email(),
            candidate.firstName(),
            candidate.lastName(),
            candidate.phone(),
            candidate.school(),
            candidate.degree(),
            candidate.graduationDate(),
            candidate.links()),
        answers,
        consent.privacyPolicyVersion(),
        source,
        documents == null
            ? List.of()
            : documents.stream()
                .map(d -> new DocumentRef(d.id(), d.uploadToken(), d.kind()))
                .toList());
  }

  /** An upload to attach: its id and upload token (from POST /api/v1/documents) and its kind. */
  @Schema(name = "DocumentAttachment")
  public record DocumentInput(
      @NotNull @Schema(example = "0b6f7d0e-2f54-4c8e-9a4e-7c1e2d3f4a5b") UUID id,
      @NotBlank @Size(max = 200) String uploadToken,
      @NotNull @Schema(example = "RESUME") DocumentKind kind) {}

  /** The candidate's personal details. */
  @Schema(name = "CandidateDetails")
  public record CandidateDetails(
      @NotBlank @Email @Size(max = 320) @Schema(example = "ada@example.com") String email,
      @NotBlank @Size(max = 200) @Schema(example = "Ada") String firstName,
      @NotBlank @Size(max = 200) @Schema(example = "Lovelace") String lastName,
      @Size(max = 50) @Schema(example = "+44 20 7946 0000") String phone,
      @Size(max = 200) @Schema(example = "University of London") String school,
      @Size(max = 200) @Schema(example = "BSc Mathematics") String degree,
      @Schema(example = "2027-06-30") LocalDate graduationDate,
      @Size(max = 20) List<@NotBlank @Size(max = 2000) String> links) {}

  /** The privacy-policy consent; {@code accepted} must be true. */
  @Schema(name = "Consent")
  public record Consent(
      @NotBlank @Size(max = 100) @Schema(example = "2026-01") String privacyPolicyVersion,
      @NotNull
          @AssertTrue(message = "the privacy policy must be accepted to apply")
          @Schema(example = "true")
          Boolean accepted) {}
}
