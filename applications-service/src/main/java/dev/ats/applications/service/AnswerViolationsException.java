package dev.ats.applications.service;

import dev.ats.platform.error.Problem;
import java.util.Comparator;
import java.util.List;

/**
 * Answers that cannot be evaluated against the role's rules (a required question unanswered, an
 * answer of the wrong type): a 400 listing each one as a violation of {@code answers.<ruleId>},
 * sorted by field like every other validation problem.
 */
public class AnswerViolationsException extends RuntimeException {

  private final List<Problem.Violation> violations;

  public AnswerViolationsException(List<Problem.Violation> violations) {
    this(violations.stream().sorted(Comparator.comparing(Problem.Violation::field)).toList(), 0);
  }

  private AnswerViolationsException(List<Problem.Violation> sorted, int unused) {
    super(String.join("; ", sorted.stream().map(v -> v.field() + ": " + v.message()).toList()));
    this.violations = sorted;
  }

  public List<Problem.Violation> violations() {
    return violations;
  }
}
