package dev.ats.applications.domain;

/**
 * ELIGIBLE: every rule answered and passed. INELIGIBLE: a required rule failed. NEEDS_REVIEW: an
 * optional rule failed or was left unanswered.
 */
public enum EligibilityOutcome {
  ELIGIBLE,
  INELIGIBLE,
  NEEDS_REVIEW
}
