package dev.ats.applications.domain;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What the reports read of one application: no personal data, only what erasure keeps (role,
 * source, submission time, current stage and every stage change, oldest first).
 */
public record ApplicationTrack(
    UUID applicationId,
    UUID roleId,
    String source,
    Instant submittedAt,
    Stage stage,
    List<Step> steps) {

  /** One stage change: to which stage, when ({@code from} null for the submission itself). */
  public record Step(Stage from, Stage to, Instant at) {}
}
