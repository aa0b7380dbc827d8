package dev.ats.platform.metrics;

import io.quarkus.arc.All;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.scheduler.Scheduled;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import org.jboss.logging.Logger;

/** Refreshes every {@link GaugeSource}, each in its own short transaction, on one schedule. */
@ApplicationScoped
public class GaugeRefresher {

  private static final Logger LOG = Logger.getLogger(GaugeRefresher.class);

  private final List<GaugeSource> sources;

  public GaugeRefresher(@All List<GaugeSource> sources) {
    this.sources = sources;
  }

  @Scheduled(
      every = "${ats.metrics.refresh-interval:5s}",
      delayed = "1s",
      concurrentExecution = Scheduled.ConcurrentExecution.SKIP,
      skipExecutionIf = Scheduled.ApplicationNotRunning.class)
  public void refreshAll() {
    for (GaugeSource source : sources) {
      try {
        QuarkusTransaction.requiringNew().timeout(10).run(source::refresh);
      } catch (RuntimeException e) {
        LOG.debugf("gauges of %s not refreshed: %s", source.getClass().getSimpleName(), e);
      }
    }
  }
}
