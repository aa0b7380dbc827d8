package dev.ats.applications.service;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ats.applications.domain.EligibilityOutcome;
import dev.ats.applications.domain.EligibilityRule;
import dev.ats.applications.domain.EligibilityRule.Condition;
import dev.ats.web.error.ApiException;
import dev.ats.web.error.Problem;
import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Evaluates a candidate's answers against a role's eligibility rules, as CONTRIBUTING.md defines
 * it: every required rule passes and every optional rule is answered and passes → ELIGIBLE; a
 * required rule fails → INELIGIBLE; otherwise → NEEDS_REVIEW. A required rule left unanswered, an
 * answer of the wrong type or an answer to a question the role does not ask is a 400.
 *
 * <p>A rule this service cannot evaluate (an operator it does not know, a malformed value) never
 * rejects anyone: it counts as not passed and makes the outcome NEEDS_REVIEW at worst. Pure: no
 * database, no clock.
 */
public final class EligibilityEvaluator {

  /** The evaluation: the outcome and one check per answered (or optional unanswered) rule. */
  public record Result(EligibilityOutcome outcome, List<Check> checks) {

    /** The failed rules' explanations, for the rejected event of an INELIGIBLE submission. */
    public String failedExplanations() {
      return String.join(
          "; ", checks.stream().filter(c -> !c.passed()).map(Check::explanation).toList());
    }
  }

  /** One rule's verdict, with an explanation a candidate can read. */
  public record Check(String ruleId, boolean passed, String explanation) {}

  private static final int MAX_TEXT = 10_000;

  private EligibilityEvaluator() {}

  /**
   * Evaluates {@code answers} (rule id → answer; null for none) against {@code rules}.
   *
   * @throws ApiException 400 with one violation per {@code answers.<ruleId>} for a required rule
   *     unanswered, an answer of the wrong type, a CHOICE outside the options, or an answer to a
   *     question the role does not ask
   */
  public static Result evaluate(List<EligibilityRule> rules, Map<String, JsonNode> answers) {
    Map<String, JsonNode> given = answers == null ? Map.of() : answers;
    List<Problem.Violation> violations = new ArrayList<>();
    for (String key : given.keySet()) {
      if (rules.stream().noneMatch(r -> key.equals(r.id()))) {
        violations.add(
            new Problem.Violation("answers." + key, "this role has no question with this id"));
      }
    }
    List<Check> results = new ArrayList<>();
    boolean requiredFailed = false;
    boolean needsReview = false;
    for (EligibilityRule rule : rules) {
      JsonNode answer = given.get(rule.id());
      String field = "answers." + rule.id();
      if (answer == null || answer.isNull()) {
        if (rule.required()) {
          violations.add(new Problem.Violation(field, "a required question must be answered"));
        } else {
          needsReview = true;
          results.add(new Check(rule.id(), false, label(rule) + "not answered"));
        }
        continue;
      }
      String typeProblem = typeProblem(rule, answer);
      if (typeProblem != null) {
        violations.add(new Problem.Violation(field, typeProblem));
        continue;
      }
      Boolean passed = passes(rule, answer);
      String requirement = describe(rule);
      if (passed == null) {
        needsReview = true;
        results.add(
            new Check(
                rule.id(),
                false,
                label(rule)
                    + "answered "
                    + render(answer)
                    + "; this rule cannot be checked automatically, a recruiter will review it"));
      } else if (passed) {
        results.add(
            new Check(
                rule.id(), true, label(rule) + "answered " + render(answer) + "; " + requirement));
      } else {
        if (rule.required()) {
          requiredFailed = true;
        } else {
          needsReview = true;
        }
        results.add(
            new Check(
                rule.id(),
                false,
                label(rule) + "answered " + render(answer) + ", but " + requirement));
      }
    }
    if (!violations.isEmpty()) {
      throw ApiException.invalid(violations);
    }
    EligibilityOutcome outcome =
        requiredFailed
            ? EligibilityOutcome.INELIGIBLE
            : needsReview ? EligibilityOutcome.NEEDS_REVIEW : EligibilityOutcome.ELIGIBLE;
    return new Result(outcome, List.copyOf(results));
  }

  private static String label(EligibilityRule rule) {
    return rule.question() == null || rule.question().isBlank() ? "" : rule.question() + " ";
  }

  private static String typeProblem(EligibilityRule rule, JsonNode answer) {
    String type = rule.answerType() == null ? "" : rule.answerType();
    return switch (type) {
      case "BOOLEAN" -> answer.isBoolean() ? null : "must be true or false";
      case "NUMBER" -> answer.isNumber() ? null : "must be a number";
      case "DATE" -> {
        if (!answer.isTextual()) {
          yield "must be a date (YYYY-MM-DD)";
        }
        try {
          LocalDate.parse(answer.textValue());
          yield null;
        } catch (DateTimeParseException e) {
          yield "must be a date (YYYY-MM-DD)";
        }
      }
      case "CHOICE" -> {
        if (!answer.isTextual()) {
          yield "must be one of " + rule.options();
        }
        if (rule.options() != null
            && !rule.options().isEmpty()
            && !rule.options().contains(answer.textValue())) {
          yield "must be one of " + rule.options();
        }
        yield null;
      }
      default ->
          answer.isTextual() && answer.textValue().length() > MAX_TEXT
              ? "must be at most " + MAX_TEXT + " characters"
              : null;
    };
  }

  /** True or false; null when the rule itself cannot be evaluated. */
  private static Boolean passes(EligibilityRule rule, JsonNode answer) {
    Condition condition = rule.rule();
    if (condition == null || condition.operator() == null || condition.value() == null) {
      return null;
    }
    JsonNode value = condition.value();
    try {
      return switch (rule.answerType() + ":" + condition.operator()) {
        case "BOOLEAN:EQUALS" ->
            value.isBoolean() ? answer.booleanValue() == value.booleanValue() : null;
        case "NUMBER:EQUALS" -> value.isNumber() ? compare(answer, value) == 0 : null;
        case "NUMBER:GTE" -> value.isNumber() ? compare(answer, value) >= 0 : null;
        case "NUMBER:LTE" -> value.isNumber() ? compare(answer, value) <= 0 : null;
        case "DATE:BEFORE" -> date(answer).isBefore(date(value));
        case "DATE:AFTER" -> date(answer).isAfter(date(value));
        case "DATE:ON_OR_BEFORE" -> !date(answer).isAfter(date(value));
        case "DATE:ON_OR_AFTER" -> !date(answer).isBefore(date(value));
        case "CHOICE:ONE_OF" -> {
          if (!value.isArray()) {
            yield null;
          }
          for (JsonNode allowed : value) {
            if (allowed.isTextual() && allowed.textValue().equals(answer.textValue())) {
              yield true;
            }
          }
          yield false;
        }
        default -> null;
      };
    } catch (DateTimeParseException | NullPointerException e) {
      return null;
    }
  }

  private static int compare(JsonNode a, JsonNode b) {
    return new BigDecimal(a.asText()).compareTo(new BigDecimal(b.asText()));
  }

  private static LocalDate date(JsonNode node) {
    return LocalDate.parse(node.textValue());
  }

  private static String describe(EligibilityRule rule) {
    Condition c = rule.rule();
    if (c == null || c.operator() == null) {
      return "no condition";
    }
    String v = c.value() == null ? "?" : render(c.value());
    return switch (c.operator()) {
      case "EQUALS" -> "must be " + v;
      case "GTE" -> "must be at least " + v;
      case "LTE" -> "must be at most " + v;
      case "BEFORE" -> "must be before " + v;
      case "AFTER" -> "must be after " + v;
      case "ON_OR_BEFORE" -> "must be on or before " + v;
      case "ON_OR_AFTER" -> "must be on or after " + v;
      case "ONE_OF" -> "must be one of " + v;
      default -> c.operator() + " " + v;
    };
  }

  private static String render(JsonNode node) {
    return node.isTextual() ? node.textValue() : node.toString();
  }
}
