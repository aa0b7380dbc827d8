package dev.ats.roles.domain;

/** How an eligibility rule compares an answer with its value. */
public enum Operator {
  EQUALS,
  GTE,
  LTE,
  BEFORE,
  AFTER,
  ON_OR_BEFORE,
  ON_OR_AFTER,
  ONE_OF
}
