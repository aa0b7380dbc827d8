package dev.ats.roles.domain;

import java.util.List;

/** The type of answer an eligibility question expects, and the operators its rule may use. */
public enum AnswerType {
  BOOLEAN(List.of(Operator.EQUALS)),
  NUMBER(List.of(Operator.EQUALS, Operator.GTE, Operator.LTE)),
  DATE(List.of(Operator.BEFORE, Operator.AFTER, Operator.ON_OR_BEFORE, Operator.ON_OR_AFTER)),
  CHOICE(List.of(Operator.ONE_OF));

  private final List<Operator> operators;

  AnswerType(List<Operator> operators) {
    this.operators = operators;
  }

  public List<Operator> operators() {
    return operators;
  }
}
