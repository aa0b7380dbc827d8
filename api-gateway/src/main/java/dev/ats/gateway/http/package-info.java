/**
 * ats-web's HTTP conventions on the gateway's Vert.x routes: problems built from {@link
 * dev.ats.web.error.Problem}, request ids by {@link dev.ats.web.http.RequestIds}'s rule. The
 * services get the same conventions through ats-web's JAX-RS providers.
 */
package dev.ats.gateway.http;
