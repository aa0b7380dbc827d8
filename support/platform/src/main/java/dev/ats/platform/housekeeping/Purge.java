package dev.ats.platform.housekeeping;

import java.time.Instant;

/**
 * One kind of old data a service forgets on {@link Housekeeping}'s schedule. A service plugs its
 * own purge in by making an {@code @ApplicationScoped} bean that implements this (e.g. forgetting
 * Idempotency-Keys after a day); each purge runs in its own transaction, and one that fails does
 * not keep the others from running.
 */
public interface Purge {

  /** Names the purge in log lines, e.g. {@code "published outbox rows"}. */
  String name();

  /** Deletes what is too old as seen at {@code now}; returns how many rows. */
  int purge(Instant now);
}
