package dev.ats.platform.time;

import java.time.Instant;
import java.time.temporal.ChronoUnit;

/**
 * Instants as PostgreSQL keeps them ({@code timestamptz} has microseconds): an instant written and
 * read back compares equal, so an entity, its REST view and its event all show the same time.
 */
public final class Timestamps {

  private Timestamps() {}

  /** Now, to the microsecond. */
  public static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  /** {@code instant} to the microsecond, or null. */
  public static Instant stored(Instant instant) {
    return instant == null ? null : instant.truncatedTo(ChronoUnit.MICROS);
  }
}
