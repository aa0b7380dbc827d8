/**
 * The services behind the gateway: which path family goes to which ({@link
 * dev.ats.gateway.upstream.Service}), the HTTP client with its timeouts ({@link
 * dev.ats.gateway.upstream.Upstreams}), and what the caller hears when a service cannot help (502,
 * 504).
 */
package dev.ats.gateway.upstream;
