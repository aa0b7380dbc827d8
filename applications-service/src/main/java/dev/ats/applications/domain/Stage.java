package dev.ats.applications.domain;

import java.util.List;

/**
 * Where an application is in the hiring pipeline. SUBMITTED → SCREENING → INTERVIEWING → OFFERED →
 * HIRED; from any non-final stage also REJECTED or WITHDRAWN. HIRED, REJECTED and WITHDRAWN are
 * final.
 */
public enum Stage {
  SUBMITTED,
  SCREENING,
  INTERVIEWING,
  OFFERED,
  HIRED,
  REJECTED,
  WITHDRAWN;

  public boolean isFinal() {
    return this == HIRED || this == REJECTED || this == WITHDRAWN;
  }

  /** The stages this one may move to, in pipeline order. */
  public List<Stage> allowedTargets() {
    return switch (this) {
      case SUBMITTED -> List.of(SCREENING, REJECTED, WITHDRAWN);
      case SCREENING -> List.of(INTERVIEWING, REJECTED, WITHDRAWN);
      case INTERVIEWING -> List.of(OFFERED, REJECTED, WITHDRAWN);
      case OFFERED -> List.of(HIRED, REJECTED, WITHDRAWN);
      case HIRED, REJECTED, WITHDRAWN -> List.of();
    };
  }
}
