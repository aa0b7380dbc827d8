package dev.ats.web.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * Conditional reads and caching, the same in every service. A {@code GET} (or {@code HEAD})
 * answered {@code 200} with an {@code ETag} becomes {@code 304 Not Modified} — no body, the same
 * {@code ETag}, {@code Cache-Control} and {@code Vary} — when the request's {@code If-None-Match}
 * names that ETag ({@code *}, or a list; weak comparison). The resource still reads the resource
 * (the saving is the transfer, and a client's cache stays valid).
 *
 * <p>{@link #PUBLIC} and {@link #PRIVATE} are the {@code Cache-Control} values a resource sets on
 * what anonymous callers may cache (a careers page's role list) and on what they may not.
 */
public class ConditionalGet {

  /** For answers anyone may see (open roles to anonymous callers): shared caches, one minute. */
  public static final String PUBLIC = "public, max-age=60";

  /** For answers that depend on the caller's token: revalidate every time, no shared cache. */
  public static final String PRIVATE = "private, no-cache";

  /** The answers above differ by token, so a cache keys them by it. */
  public static final String VARY = "Authorization";

  @ServerResponseFilter
  public void notModified(ContainerRequestContext request, ContainerResponseContext response) {
    String method = request.getMethod();
    if (response.getStatus() != 200 || !(method.equals("GET") || method.equals("HEAD"))) {
      return;
    }
    String etag = response.getHeaderString(HttpHeaders.ETAG);
    if (ETags.noneMatchHits(request.getHeaderString(HttpHeaders.IF_NONE_MATCH), etag)) {
      response.setStatus(304);
      response.setEntity(null);
      response.getHeaders().remove(HttpHeaders.CONTENT_TYPE);
      response.getHeaders().remove(HttpHeaders.CONTENT_LENGTH);
    }
  }
}
