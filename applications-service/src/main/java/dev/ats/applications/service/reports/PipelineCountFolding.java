package dev.ats.applications.service.reports;

import dev.ats.applications.domain.ReportRepository;
import dev.ats.applications.service.IdleBackOff;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * Folds the board's count changes (rows the V11 triggers append to {@code pipeline_count_delta} on
 * every change of an application's stage or eligibility) into the counts, every {@code
 * ats.applications.pipeline-counts.fold-interval} (5 s) while there are changes, so a read of one
 * role's counts sums at most its 21 counts and the few seconds of changes since. Reads are exact
 * whether or not this has run: it only keeps them cheap. One instance folds at a time (an advisory
 * lock); the others skip.
 *
 * <p>Quiet when idle: each run that finds nothing to fold doubles the wait before the next one, up
 * to {@code ats.applications.pipeline-counts.idle-fold-interval} (60 s); a run that folds something
 * goes back to every interval. The changes are written by triggers, so nothing in this process
 * hears of them; a read meanwhile only sums a few more of them.
 */
@ApplicationScoped
public class PipelineCountFolding {

  /** Changes folded per transaction, so a backlog never makes one long transaction. */
  static final int BATCH = 10_000;

  /** At most this many batches per run; the rest waits for the next run. */
  private static final int MAX_BATCHES = 100;

  private final ReportRepository reports;
  private final IdleBackOff idle;

  public PipelineCountFolding(
      ReportRepository reports,
      @ConfigProperty(name = "ats.applications.pipeline-counts.fold-interval", defaultValue = "5s")
          Duration interval,
      @ConfigProperty(
              name = "ats.applications.pipeline-counts.idle-fold-interval",
              defaultValue = "60s")
          Duration idleInterval) {
    this.reports = reports;
    this.idle = new IdleBackOff(interval, idleInterval);
  }

  @Scheduled(
      every = "${ats.applications.pipeline-counts.fold-interval:5s}",
      delayed = "5s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP)
  void scheduled() {
    long now = System.nanoTime();
    if (idle.due(now)) {
      idle.ran(now, foldAll() > 0);
    }
  }

  /**
   * Folds the pending changes, a batch per transaction, until none is left (or {@value
   * #MAX_BATCHES} batches).
   *
   * @return how many changes were folded
   */
  public int foldAll() {
    int total = 0;
    for (int i = 0; i < MAX_BATCHES; i++) {
      int folded = QuarkusTransaction.requiringNew().call(() -> reports.foldCountChanges(BATCH));
      total += folded;
      if (folded < BATCH) {
        break;
      }
    }
    return total;
  }
}
