package dev.ats.roles.domain;

import java.util.List;

/** Where a role is in its life: DRAFT → OPEN → CLOSED or FILLED → OPEN again. */
public enum RoleStatus {
  DRAFT,
  OPEN,
  CLOSED,
  FILLED;

  /** The actions ({@code /open}, {@code /close}, {@code /reopen}) that this status allows. */
  public List<String> allowedActions() {
    return switch (this) {
      case DRAFT -> List.of("open");
      case OPEN -> List.of("close");
      case CLOSED, FILLED -> List.of("reopen");
    };
  }
}
