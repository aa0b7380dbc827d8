package dev.ats.roles.domain;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/**
 * A machine-checkable eligibility question of a role: applications-service evaluates the
 * candidate's answer against {@code rule}. Stored in the role's {@code eligibility_rules} JSON
 * column in this shape, and shown in it by {@code roles.events}.
 *
 * @param options the choices offered; CHOICE questions only, otherwise null
 * @param required a required rule that fails makes an application INELIGIBLE, an optional one only
 *     flags it for review
 */
public record EligibilityRule(
    String id,
    String question,
    AnswerType answerType,
    @JsonInclude(JsonInclude.Include.NON_NULL) List<String> options,
    RuleCondition rule,
    boolean required) {}
