package dev.ats.platform.metrics;

import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.arc.All;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.Startup;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/**
 * Refreshes every {@link GaugeSource}, each in its own short transaction, on one schedule ({@code
 * ats.metrics.refresh-interval}, 5 s) — but only while someone reads the metrics: a pass refreshes
 * if {@code /q/metrics} was scraped since the last refresh, and does nothing otherwise. So a
 * service nobody scrapes never queries for its gauges (idle CPU, issue 16), and a scraped one
 * refreshes at most once per scrape and per interval. A scrape sees values at most one scrape
 * interval plus one refresh interval old; the first scrape after a quiet spell shows the values of
 * the last refresh before it ({@value AtsMetrics#GAUGES_AGE} says how old they are).
 */
@Startup
@ApplicationScoped
public class GaugeRefresher {

  private static final Logger LOG = Logger.getLogger(GaugeRefresher.class);

  private final List<GaugeSource> sources;
  private volatile boolean scrapedSinceRefresh = true;
  private volatile long refreshedAtNanos = System.nanoTime();

  public GaugeRefresher(@All List<GaugeSource> sources, MeterRegistry registry) {
    this.sources = sources;
    // Read by every scrape (and nothing else): the scrape is what asks for the next refresh.
    Gauge.builder(AtsMetrics.GAUGES_AGE, this, GaugeRefresher::ageOnScrape)
        .description(
            "Age of the values the database-reading gauges show (refreshed only while scraped)")
        .baseUnit("seconds")
        .register(registry);
  }

  @Scheduled(
      every = "${ats.metrics.refresh-interval:5s}",
      delayed = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  void refreshIfScraped() {
    if (scrapedSinceRefresh) {
      refreshAll();
    }
  }

  /** Refreshes every source now, each in its own transaction; a failed one keeps its values. */
  public void refreshAll() {
    scrapedSinceRefresh = false;
    for (GaugeSource source : sources) {
      try {
        QuarkusTransaction.requiringNew().timeout(10).run(source::refresh);
      } catch (RuntimeException e) {
        LOG.debugf("gauges of %s not refreshed: %s", source.getClass().getSimpleName(), e);
      }
    }
    refreshedAtNanos = System.nanoTime();
  }

  private double ageOnScrape() {
    scrapedSinceRefresh = true;
    return (System.nanoTime() - refreshedAtNanos) / 1e9;
  }
}
