package dev.ats.platform.metrics;

/**
 * A bean whose gauges read the database. Scrapes never query: {@link GaugeRefresher} calls {@link
 * #refresh()} in its own transaction at most every {@code ats.metrics.refresh-interval} (5 s), and
 * only after a scrape (nobody reading the metrics costs no query), and the gauges show the values
 * it cached. A refresh that fails (the database away) keeps the last values.
 */
public interface GaugeSource {

  /** Re-reads what the gauges show; runs inside a transaction. */
  void refresh();
}
