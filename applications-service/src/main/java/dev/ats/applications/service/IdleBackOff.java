package dev.ats.applications.service;

import java.time.Duration;

/**
 * When a periodic job that found nothing to do runs next, so that it is quiet when the service is
 * idle: after {@code n} idle runs in a row it waits {@code interval * 2^n}, never more than {@code
 * idleInterval}; a run that found work goes back to every {@code interval}. For jobs that nothing
 * in this process can wake when their work arrives (rows written by triggers or by other code). One
 * thread calls it (a {@code @Scheduled} method whose trigger is {@code interval}).
 */
public final class IdleBackOff {

  private final long intervalNanos;
  private final long idleNanos;
  private int idleRuns;
  private long next;
  private boolean started;

  public IdleBackOff(Duration interval, Duration idleInterval) {
    this.intervalNanos = interval.toNanos();
    this.idleNanos = Math.max(interval.toNanos(), idleInterval.toNanos());
  }

  /** Whether the run at {@code now} ({@link System#nanoTime()}) is to do its work. */
  public boolean due(long now) {
    return !started || now - next >= 0;
  }

  /** Records a run at {@code now} that found work or not. */
  public void ran(long now, boolean foundWork) {
    started = true;
    idleRuns = foundWork ? 0 : Math.min(idleRuns + 1, 30);
    // Half an interval early: the scheduler's trigger fires about every interval, not to the ns.
    next = now + waitNanos(idleRuns) - intervalNanos / 2;
  }

  /** The wait after {@code idleRuns} idle runs in a row. */
  public long waitNanos(int idleRuns) {
    long wait = intervalNanos;
    for (int i = 0; i < idleRuns && wait < idleNanos; i++) {
      wait *= 2;
    }
    return Math.min(wait, idleNanos);
  }
}
