package dev.ats.web.http;

import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.container.ContainerResponseContext;
import jakarta.ws.rs.core.HttpHeaders;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;
import org.jboss.resteasy.reactive.server.ServerRequestFilter;
import org.jboss.resteasy.reactive.server.ServerResponseFilter;

/**
 * {@code X-Request-Id}: kept if the caller (or the gateway) sent a sane one, generated if not, put
 * in the logging context as {@code requestId}, and returned on the response. The rule itself is
 * {@link #keepOrCreate}; the gateway applies it to its Vert.x routes, the services through these
 * JAX-RS filters.
 */
public class RequestIds {

  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "requestId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  @ServerRequestFilter(preMatching = true)
  public void assign(ContainerRequestContext request) {
    String sent = request.getHeaderString(HEADER);
    String id = keepOrCreate(sent);
    if (!id.equals(sent)) {
      request.getHeaders().putSingle(HEADER, id);
    }
    MDC.put(MDC_KEY, id);
  }

  /** The id a caller sent if it is sane (1–128 of {@code A-Za-z0-9._:-}), else a new random one. */
  public static String keepOrCreate(String sent) {
    return sent != null && SANE.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
  }

  @ServerResponseFilter
  public void echo(ContainerRequestContext request, ContainerResponseContext response) {
    response.getHeaders().putSingle(HEADER, request.getHeaderString(HEADER));
  }

  /** The current request's id, as assigned by {@link #assign}. */
  public static String of(HttpHeaders headers) {
    return headers == null ? null : headers.getHeaderString(HEADER);
  }
}
