/**
 * The front door: the routes on Quarkus' router and the pipeline every {@code /api/v1} request goes
 * through (request id, access log, path check, authentication, rate limit, access policy), and the
 * gateway's own 404 and 413. What it lets through goes to {@link dev.ats.gateway.proxy}.
 */
package dev.ats.gateway.frontdoor;
