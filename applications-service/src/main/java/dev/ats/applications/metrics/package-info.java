/**
 * applications-service's own gauges, read from its tables by the platform's GaugeRefresher (never
 * on a scrape). An observer: nothing in the layers depends on it (Architecture).
 */
package dev.ats.applications.metrics;
