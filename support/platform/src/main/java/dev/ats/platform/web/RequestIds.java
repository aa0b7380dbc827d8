package dev.ats.platform.web;

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
 * in the logging context as {@code requestId}, and returned on the response.
 */
public class RequestIds {

  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "requestId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  @ServerRequestFilter(preMatching = true)
  public void assign(ContainerRequestContext request) {
    String id = request.getHeaderString(HEADER);
    if (id == null || !SANE.matcher(id).matches()) {
      id = UUID.randomUUID().toString();
      request.getHeaders().putSingle(HEADER, id);
    }
    MDC.put(MDC_KEY, id);
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
