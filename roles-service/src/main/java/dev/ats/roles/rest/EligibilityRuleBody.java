package dev.ats.roles.rest;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ats.roles.domain.AnswerType;
import dev.ats.roles.domain.EligibilityRule;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.List;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/**
 * The API's shape of an eligibility question (request and response): applications-service evaluates
 * the candidate's answer against {@code rule}. A careers page renders the application form from
 * these.
 */
@ValidEligibilityRule
@Schema(name = "EligibilityRule")
public record EligibilityRuleBody(
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
    @Schema(
            required = false,
            description =
                "What makes an answer pass. Only recruiters, hiring managers and integrations get"
                    + " it; anyone else reads the question without it (a candidate must not learn"
                    + " which answers pass). Required when writing a role.")
        @JsonInclude(JsonInclude.Include.NON_NULL)
        @NotNull
        @Valid
        RuleConditionBody rule,
    @Schema(
            description =
                "A required rule that fails makes the application INELIGIBLE; an optional one only"
                    + " flags it for review. Default true.",
            defaultValue = "true")
        Boolean required) {

  /**
   * The rule as {@code staff} (recruiters, hiring managers, integrations) see it, or, for anyone
   * else, the question without its rule.
   */
  static EligibilityRuleBody of(EligibilityRule rule, boolean staff) {
    return new EligibilityRuleBody(
        rule.id(),
        rule.question(),
        rule.answerType(),
        rule.options(),
        staff ? RuleConditionBody.of(rule.rule()) : null,
        rule.required());
  }

  /** The domain rule, with its default filled in: {@code required} unless said otherwise. */
  EligibilityRule toDomain() {
    return new EligibilityRule(
        id, question, answerType, options, rule.toDomain(), required == null || required);
  }
}
