package dev.ats.web.http;

import dev.ats.web.error.ApiException;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Refuses a NUL character (U+0000) in the path or a query parameter: PostgreSQL cannot compare or
 * store it, so it would otherwise surface as a 500 from the first query that uses the value.
 */
public class NulGuardFilter {

  @ServerRequestFilter(preMatching = true)
  public void refuseNul(ContainerRequestContext request) {
    var uri = request.getUriInfo();
    boolean nul =
        uri.getPath().indexOf('\u0000') >= 0
            || uri.getQueryParameters().entrySet().stream()
                .anyMatch(
                    e ->
                        e.getKey().indexOf('\u0000') >= 0
                            || e.getValue().stream().anyMatch(v -> v.indexOf('\u0000') >= 0));
    if (nul) {
      throw ApiException.badRequest("the path or a query parameter contains a NUL character");
    }
  }
}
