package dev.ats.roles.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ats.roles.domain.Operator;
import dev.ats.roles.domain.RuleCondition;
import jakarta.validation.constraints.NotNull;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** The API's shape of a rule's condition: {@code answer <operator> value}. */
@Schema(name = "RuleCondition", description = "What makes an answer pass: answer <operator> value")
public record RuleConditionBody(
    @Schema(
            description =
                "BOOLEAN: EQUALS; NUMBER: EQUALS, GTE, LTE; DATE: BEFORE, AFTER, ON_OR_BEFORE,"
                    + " ON_OR_AFTER; CHOICE: ONE_OF",
            example = "EQUALS")
        @NotNull
        Operator operator,
    @Schema(
            description =
                "BOOLEAN: true or false; NUMBER: a number; DATE: YYYY-MM-DD; CHOICE: an array of"
                    + " allowed options",
            example = "true",
            anyOf = {Boolean.class, Double.class, String.class, String[].class})
        JsonNode value) {

  static RuleConditionBody of(RuleCondition condition) {
    return new RuleConditionBody(condition.operator(), condition.value());
  }

  RuleCondition toDomain() {
    return new RuleCondition(operator, value);
  }
}
