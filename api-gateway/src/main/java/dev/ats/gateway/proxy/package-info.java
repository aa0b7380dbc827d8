/**
 * Forwarding an allowed request to its service and streaming the answer back: headers (hop-by-hop
 * dropped, {@code X-Forwarded-*} and {@code X-Request-Id} set) and bodies. Nothing here decides who
 * may call; that is {@link dev.ats.gateway.frontdoor}.
 */
package dev.ats.gateway.proxy;
