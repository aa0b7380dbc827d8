package dev.ats.roles.service;

import dev.ats.roles.domain.UnplacedHire;
import java.time.Instant;
import java.util.UUID;

/** One hire that filled no opening of a role, as a recruiter sees it (no personal data). */
public record UnplacedHireEntry(
    UUID applicationId, UnplacedHire.Reason reason, Instant receivedAt) {

  static UnplacedHireEntry of(UnplacedHire hire) {
    return new UnplacedHireEntry(hire.applicationId, hire.reason, hire.recordedAt);
  }
}
