package dev.ats.roles.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * A machine-checkable eligibility question: applications-service evaluates the candidate's answer
 * against {@code rule}. A careers page renders the application form from these.
 */
@ValidEligibilityRule
@Schema(name = "EligibilityRule")
public record EligibilityRule(
    @Schema(
            description = "Unique within the role; a camelCase identifier",
            example = "commitsTwelveWeeks")
        @NotBlank
        @Pattern(
            regexp = "[a-z][A-Za-z0-9]{0,63}",
            message = "must be a camelCase identifier such as commitsTwelveWeeks")
        String id,
    @Schema(example = "Can you commit to a 12-week internship?") @NotBlank @Size(max = 1000)
        String question,
    @NotNull AnswerType answerType,
    @Schema(description = "The choices offered (CHOICE questions only)", example = "[\"BSc\"]")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @Size(max = 50)
        List<@NotBlank @Size(max = 200) String> options,
    @NotNull @Valid RuleCondition rule,
    @Schema(
            description =
                "A required rule that fails makes the application INELIGIBLE; an optional one only"
                    + " flags it for review. Default true.",
            defaultValue = "true")
        Boolean required) {

  /** This rule with its defaults filled in ({@code required} true unless said otherwise). */
  public EligibilityRule normalised() {
    return new EligibilityRule(
        id, question, answerType, options, rule, required == null ? Boolean.TRUE : required);
  }
}
