package dev.ats.platform.metrics;

/**
 * The names of the system's own metrics, defined once. Micrometer names use dots; {@code
 * /q/metrics} shows them in Prometheus form (dots become underscores, counters end in {@code
 * _total}, a base unit is appended: {@code ats.outbox.oldest.age} is {@code
 * ats_outbox_oldest_age_seconds}). The gateway has no database and does not depend on this module:
 * its names are in {@code dev.ats.gateway.metrics.GatewayMetrics}. Every name here is documented,
 * with its labels, in the README of each service that exposes it.
 */
public final class AtsMetrics {

  private AtsMetrics() {}

  /** Gauge: outbox rows not yet published (every service with an outbox). */
  public static final String OUTBOX_PENDING = "ats.outbox.pending";

  /** Gauge, seconds: age of the oldest unpublished outbox row; 0 when none waits. */
  public static final String OUTBOX_OLDEST_AGE = "ats.outbox.oldest.age";

  /**
   * Gauge, seconds: age of the values the database-reading gauges show ({@link GaugeRefresher}
   * refreshes them only while {@code /q/metrics} is scraped).
   */
  public static final String GAUGES_AGE = "ats.gauges.age";

  /**
   * Counter: events the relay published (broker acknowledged); labels {@value #TOPIC}, {@value
   * #TYPE}.
   */
  public static final String EVENTS_PUBLISHED = "ats.events.published";

  /**
   * Counter: records consumed through {@code EventConsumer}; labels {@value #CONSUMER}, {@value
   * #TYPE} (the {@code ce_type}, or {@code unknown} outside the contract) and {@value #OUTCOME}
   * ({@code applied}, {@code duplicate}, {@code ignored}, {@code dead_lettered}, and {@code
   * retried} once for every attempt that failed transiently and was retried).
   */
  public static final String EVENTS_CONSUMED = "ats.events.consumed";

  /**
   * Gauge, from the Kafka consumer's own metrics (Quarkus' Kafka binder): records behind the end of
   * each partition; labels {@code topic}, {@code partition}, {@code client_id}.
   */
  public static final String CONSUMER_LAG = "kafka.consumer.fetch.manager.records.lag";

  /**
   * Gauge (notifications-service): messages by {@value #STATUS} (PENDING, SENT, FAILED, CANCELLED).
   */
  public static final String NOTIFICATIONS = "ats.notifications";

  /**
   * Counter (notifications-service): delivery attempts recorded, by {@value #OUTCOME} (SENT,
   * FAILED), counted from the attempts table, so every instance reports the whole service's total.
   */
  public static final String DELIVERY_ATTEMPTS = "ats.notifications.delivery.attempts";

  /**
   * Gauge (applications-service): applications still undecided (not HIRED, REJECTED or WITHDRAWN)
   * after their role's respond-by date.
   */
  public static final String UNDECIDED_PAST_RESPOND_BY =
      "ats.applications.undecided.past.respond.by";

  public static final String TOPIC = "topic";
  public static final String TYPE = "type";
  public static final String CONSUMER = "consumer";
  public static final String OUTCOME = "outcome";
  public static final String STATUS = "status";
}
