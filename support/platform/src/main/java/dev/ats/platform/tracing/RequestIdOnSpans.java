package dev.ats.platform.tracing;

import dev.ats.web.http.RequestIds;
import io.opentelemetry.api.trace.Span;
import jakarta.ws.rs.container.ContainerRequestContext;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;

/**
 * Records each request's {@code X-Request-Id} (as ats-web assigned it) on the request's span, so a
 * trace can be found from a request id in a log line or an answer, and the other way round.
 */
public class RequestIdOnSpans {

  @ServerRequestFilter
  public void record(ContainerRequestContext request) {
    String id = request.getHeaderString(RequestIds.HEADER);
    if (id != null) {
      Span.current().setAttribute(TraceContext.REQUEST_ID_ATTRIBUTE, id);
    }
  }
}
