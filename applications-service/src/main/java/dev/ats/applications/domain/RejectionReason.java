package dev.ats.applications.domain;

/** Why an application was rejected: a fixed list, part of the event contract. */
public enum RejectionReason {
  NOT_A_FIT,
  INELIGIBLE,
  POSITION_FILLED,
  OTHER
}
