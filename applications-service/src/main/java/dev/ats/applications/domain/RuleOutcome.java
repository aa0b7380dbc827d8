package dev.ats.applications.domain;

/**
 * How an application's answer fared against one eligibility rule, as kept with the application
 * ({@code application.eligibility_rules}). Erasure keeps {@code passed} and replaces the
 * explanation, which quotes the answer.
 */
public record RuleOutcome(String ruleId, boolean passed, String explanation) {

  /** This outcome with its explanation replaced by {@code placeholder} (if it had one). */
  public RuleOutcome withExplanationErased(String placeholder) {
    return new RuleOutcome(ruleId, passed, explanation == null ? null : placeholder);
  }
}
