package dev.ats.roles.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ats.roles.domain.AnswerType;
import jakarta.validation.ConstraintValidator;
import jakarta.validation.ConstraintValidatorContext;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * Checks one eligibility rule as a whole. Messages never quote the caller's input: Bean Validation
 * would interpret braces in it as message parameters.
 */
public class EligibilityRuleValidator
    implements ConstraintValidator<ValidEligibilityRule, EligibilityRuleBody> {

  @Override
  public boolean isValid(EligibilityRuleBody rule, ConstraintValidatorContext context) {
    if (rule == null || rule.answerType() == null) {
      return true; // @NotNull reports it
    }
    context.disableDefaultConstraintViolation();
    boolean valid = checkOptions(rule, context);
    if (rule.rule() == null || rule.rule().operator() == null) {
      return valid;
    }
    AnswerType type = rule.answerType();
    if (!type.operators().contains(rule.rule().operator())) {
      violation(
          context, type + " questions allow the operators " + type.operators(), "rule", "operator");
      return false;
    }
    JsonNode value = rule.rule().value();
    if (value == null || value.isNull() || value.isMissingNode()) {
      violation(context, "must not be null", "rule", "value");
      return false;
    }
    String problem =
        switch (type) {
          case BOOLEAN -> value.isBoolean() ? null : "must be true or false";
          case NUMBER -> value.isNumber() ? null : "must be a number";
          case DATE -> isDate(value) ? null : "must be a date such as 2026-12-01";
          case CHOICE -> checkChoiceValue(value, rule.options());
        };
    if (problem != null) {
      violation(context, problem, "rule", "value");
      return false;
    }
    return valid;
  }

  private static boolean checkOptions(
      EligibilityRuleBody rule, ConstraintValidatorContext context) {
    List<String> options = rule.options();
    if (rule.answerType() != AnswerType.CHOICE) {
      if (options != null && !options.isEmpty()) {
        violation(context, "are only for CHOICE questions", "options");
        return false;
      }
      return true;
    }
    if (options == null || options.isEmpty()) {
      violation(context, "a CHOICE question needs at least one option", "options");
      return false;
    }
    if (new HashSet<>(options).size() != options.size()) {
      violation(context, "must not repeat an option", "options");
      return false;
    }
    return true;
  }

  private static String checkChoiceValue(JsonNode value, List<String> options) {
    if (!value.isArray() || value.isEmpty()) {
      return "must be a non-empty array of the allowed options";
    }
    Set<String> known = options == null ? Set.of() : new HashSet<>(options);
    for (JsonNode item : value) {
      if (!item.isTextual()) {
        return "must be a non-empty array of the allowed options";
      }
      if (!known.contains(item.asText())) {
        return "must only name options of this question";
      }
    }
    return null;
  }

  private static boolean isDate(JsonNode value) {
    if (!value.isTextual()) {
      return false;
    }
    try {
      LocalDate.parse(value.asText());
      return true;
    } catch (DateTimeParseException e) {
      return false;
    }
  }

  private static void violation(
      ConstraintValidatorContext context, String message, String... path) {
    var builder = context.buildConstraintViolationWithTemplate(message).addPropertyNode(path[0]);
    for (int i = 1; i < path.length; i++) {
      builder = builder.addPropertyNode(path[i]);
    }
    builder.addConstraintViolation();
  }
}
