package dev.ats.applications.service;

import dev.ats.platform.error.Problem;
import java.util.List;

/**
 * Answers that cannot be evaluated against the role's rules (a required question unanswered, an
 * answer of the wrong type): a 400 listing each one as a violation of {@code answers.<ruleId>}.
 */
public class AnswerViolationsException extends RuntimeException {

  private final List<Problem.Violation> violations;

  public AnswerViolationsException(List<Problem.Violation> violations) {
    super(String.join("; ", violations.stream().map(v -> v.field() + ": " + v.message()).toList()));
    this.violations = List.copyOf(violations);
  }

  public List<Problem.Violation> violations() {
    return violations;
  }
}
