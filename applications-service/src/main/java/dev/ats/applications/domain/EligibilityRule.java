package dev.ats.applications.domain;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;

/**
 * One of a role's eligibility questions, as roles-service publishes it (CONTRIBUTING.md): {@code
 * answerType} BOOLEAN, NUMBER, DATE or CHOICE ({@code options} for CHOICE only) and the condition
 * an answer must meet. Kept in the role copy as published; fields this service does not know are
 * dropped.
 */
public record EligibilityRule(
    String id,
    String question,
    String answerType,
    List<String> options,
    Condition rule,
    boolean required) {

  /**
   * E.g. {@code {"operator": "GTE", "value": 3}}; the value's JSON type depends on the operator.
   */
  public record Condition(String operator, JsonNode value) {}
}
