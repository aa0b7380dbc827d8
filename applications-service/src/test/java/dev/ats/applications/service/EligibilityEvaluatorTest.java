package dev.ats.applications.service;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.catchThrowableOfType;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.applications.domain.EligibilityOutcome;
import dev.ats.applications.domain.EligibilityRule;
import dev.ats.web.error.ApiException;
import dev.ats.web.error.Problem;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * The eligibility rules of CONTRIBUTING.md, on the pure evaluator (no Quarkus): every answer type
 * and operator, required and optional rules, unanswered questions and answers of the wrong type.
 */
class EligibilityEvaluatorTest {

  private static final ObjectMapper JSON = new ObjectMapper();

  /** One rule ({@code value} as JSON) against one answer (as JSON): passed or not. */
  @ParameterizedTest(name = "{0} {1} {2}, answered {3} → {4}")
  @CsvSource(
      delimiter = '|',
      value = {
        "BOOLEAN | EQUALS       | true                | true         | true",
        "BOOLEAN | EQUALS       | true                | false        | false",
        "BOOLEAN | EQUALS       | false               | false        | true",
        "NUMBER  | EQUALS       | 3                   | 3.0          | true",
        "NUMBER  | EQUALS       | 3                   | 4            | false",
        "NUMBER  | GTE          | 3                   | 3            | true",
        "NUMBER  | GTE          | 3                   | 2.5          | false",
        "NUMBER  | LTE          | 3                   | 3            | true",
        "NUMBER  | LTE          | 3                   | 4            | false",
        "DATE    | BEFORE       | '\"2026-12-01\"'    | '\"2026-11-30\"' | true",
        "DATE    | BEFORE       | '\"2026-12-01\"'    | '\"2026-12-01\"' | false",
        "DATE    | AFTER        | '\"2026-12-01\"'    | '\"2026-12-02\"' | true",
        "DATE    | AFTER        | '\"2026-12-01\"'    | '\"2026-12-01\"' | false",
        "DATE    | ON_OR_BEFORE | '\"2026-12-01\"'    | '\"2026-12-01\"' | true",
        "DATE    | ON_OR_BEFORE | '\"2026-12-01\"'    | '\"2026-12-02\"' | false",
        "DATE    | ON_OR_AFTER  | '\"2026-12-01\"'    | '\"2026-12-01\"' | true",
        "DATE    | ON_OR_AFTER  | '\"2026-12-01\"'    | '\"2026-11-30\"' | false",
        "CHOICE  | ONE_OF       | '[\"CS\", \"Maths\"]' | '\"Maths\"'  | true",
        "CHOICE  | ONE_OF       | '[\"CS\", \"Maths\"]' | '\"Other\"'  | false",
      })
  void shouldCheckEveryAnswerTypeAndOperator(
      String answerType, String operator, String value, String answer, boolean passed) {
    List<String> options = answerType.equals("CHOICE") ? List.of("CS", "Maths", "Other") : null;
    EligibilityRule rule = rule("q", answerType, options, operator, json(value), true);

    EligibilityEvaluator.Result result =
        EligibilityEvaluator.evaluate(List.of(rule), Map.of("q", json(answer)));

    assertThat(result.checks())
        .singleElement()
        .satisfies(c -> assertThat(c.passed()).isEqualTo(passed));
    assertThat(result.outcome())
        .isEqualTo(passed ? EligibilityOutcome.ELIGIBLE : EligibilityOutcome.INELIGIBLE);
  }

  @Test
  void shouldBeEligibleWhenEveryRequiredAndOptionalRulePasses() {
    EligibilityEvaluator.Result result =
        EligibilityEvaluator.evaluate(
            List.of(commits(true), graduation(false)),
            answers("commits", "true", "graduation", "\"2027-06-30\""));

    assertThat(result.outcome()).isEqualTo(EligibilityOutcome.ELIGIBLE);
    assertThat(result.checks()).extracting(EligibilityEvaluator.Check::passed).containsOnly(true);
    assertThat(result.checks().get(0).explanation())
        .isEqualTo("Can you commit to 12 weeks? answered true; must be true");
  }

  @Test
  void shouldBeIneligibleWhenARequiredRuleFailsWhateverTheOptionalOnes() {
    EligibilityEvaluator.Result result =
        EligibilityEvaluator.evaluate(
            List.of(commits(true), graduation(false)),
            answers("commits", "false", "graduation", "\"2020-06-30\""));

    assertThat(result.outcome()).isEqualTo(EligibilityOutcome.INELIGIBLE);
    assertThat(result.checks().get(0).explanation())
        .isEqualTo("Can you commit to 12 weeks? answered false, but must be true");
    assertThat(result.failedExplanations())
        .isEqualTo(
            "Can you commit to 12 weeks? answered false, but must be true; When do you"
                + " graduate? answered 2020-06-30, but must be on or after 2026-12-01");
  }

  @Test
  void shouldNeedReviewWhenAnOptionalRuleFailsOrIsUnanswered() {
    List<EligibilityRule> rules = List.of(commits(true), graduation(false));

    EligibilityEvaluator.Result failed =
        EligibilityEvaluator.evaluate(
            rules, answers("commits", "true", "graduation", "\"2020-06-30\""));
    EligibilityEvaluator.Result unanswered =
        EligibilityEvaluator.evaluate(rules, answers("commits", "true"));
    EligibilityEvaluator.Result answeredNull =
        EligibilityEvaluator.evaluate(rules, answers("commits", "true", "graduation", "null"));

    assertThat(failed.outcome()).isEqualTo(EligibilityOutcome.NEEDS_REVIEW);
    assertThat(unanswered.outcome()).isEqualTo(EligibilityOutcome.NEEDS_REVIEW);
    assertThat(unanswered.checks().get(1))
        .isEqualTo(
            new EligibilityEvaluator.Check(
                "graduation", false, "When do you graduate? not answered"));
    assertThat(answeredNull.outcome()).isEqualTo(EligibilityOutcome.NEEDS_REVIEW);
  }

  @Test
  void shouldNeedReviewRatherThanRejectForARuleItCannotEvaluate() {
    EligibilityRule unknownOperator = rule("q", "NUMBER", null, "BETWEEN", json("[1, 3]"), true);
    EligibilityRule noCondition = new EligibilityRule("r", null, "BOOLEAN", null, null, true);

    EligibilityEvaluator.Result result =
        EligibilityEvaluator.evaluate(
            List.of(unknownOperator, noCondition), answers("q", "2", "r", "true"));

    assertThat(result.outcome()).isEqualTo(EligibilityOutcome.NEEDS_REVIEW);
    assertThat(result.checks()).extracting(EligibilityEvaluator.Check::passed).containsOnly(false);
    assertThat(result.checks().get(0).explanation()).contains("cannot be checked automatically");
  }

  @Test
  void shouldBeEligibleForARoleWithoutRules() {
    assertThat(EligibilityEvaluator.evaluate(List.of(), null).outcome())
        .isEqualTo(EligibilityOutcome.ELIGIBLE);
  }

  @Test
  void shouldRefuseUnansweredRequiredWrongTypesUnknownChoicesAndUnknownQuestions() {
    List<EligibilityRule> rules =
        List.of(
            commits(true),
            rule("years", "NUMBER", null, "GTE", json("2"), false),
            graduation(false),
            rule("field", "CHOICE", List.of("CS", "Maths"), "ONE_OF", json("[\"CS\"]"), false),
            rule("when", "DATE", null, "AFTER", json("\"2026-01-01\""), false));

    ApiException refused =
        catchThrowableOfType(
            ApiException.class,
            () ->
                EligibilityEvaluator.evaluate(
                    rules,
                    answers(
                        "years", "\"three\"",
                        "graduation", "\"next June\"",
                        "field", "\"Basket weaving\"",
                        "when", "20260101",
                        "favouriteColour", "\"green\"")));

    assertThat(refused.status()).isEqualTo(400);
    assertThat(refused.violations())
        .extracting(Problem.Violation::field)
        .containsExactly(
            "answers.commits",
            "answers.favouriteColour",
            "answers.field",
            "answers.graduation",
            "answers.when",
            "answers.years");
    assertThat(refused.violations())
        .extracting(Problem.Violation::message)
        .containsExactly(
            "a required question must be answered",
            "this role has no question with this id",
            "must be one of [CS, Maths]",
            "must be a date (YYYY-MM-DD)",
            "must be a date (YYYY-MM-DD)",
            "must be a number");
    ApiException notBoolean =
        catchThrowableOfType(
            ApiException.class,
            () -> EligibilityEvaluator.evaluate(List.of(commits(true)), answers("commits", "1")));
    assertThat(notBoolean.violations())
        .containsExactly(new Problem.Violation("answers.commits", "must be true or false"));
  }

  private static EligibilityRule commits(boolean required) {
    return new EligibilityRule(
        "commits",
        "Can you commit to 12 weeks?",
        "BOOLEAN",
        null,
        new EligibilityRule.Condition("EQUALS", json("true")),
        required);
  }

  private static EligibilityRule graduation(boolean required) {
    return new EligibilityRule(
        "graduation",
        "When do you graduate?",
        "DATE",
        null,
        new EligibilityRule.Condition("ON_OR_AFTER", json("\"2026-12-01\"")),
        required);
  }

  private static EligibilityRule rule(
      String id,
      String answerType,
      List<String> options,
      String operator,
      JsonNode value,
      boolean required) {
    return new EligibilityRule(
        id, null, answerType, options, new EligibilityRule.Condition(operator, value), required);
  }

  /** Rule id → answer, the answers given as JSON text. */
  private static Map<String, JsonNode> answers(String... idsAndJson) {
    Map<String, JsonNode> answers = new LinkedHashMap<>();
    for (int i = 0; i < idsAndJson.length; i += 2) {
      answers.put(idsAndJson[i], json(idsAndJson[i + 1]));
    }
    return answers;
  }

  private static JsonNode json(String text) {
    try {
      return JSON.readTree(text);
    } catch (Exception e) {
      throw new IllegalArgumentException(text, e);
    }
  }
}
