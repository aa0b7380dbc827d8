/**
 * The gateway's own metrics ({@link dev.ats.gateway.metrics.GatewayMetrics}), recorded by the front
 * door; Quarkus adds HTTP server, JVM and Vert.x metrics of its own at {@code /q/metrics}.
 */
package dev.ats.gateway.metrics;
