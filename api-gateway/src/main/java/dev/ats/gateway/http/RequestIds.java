package dev.ats.gateway.http;

import io.vertx.ext.web.RoutingContext;
import java.util.UUID;
import java.util.regex.Pattern;
import org.jboss.logging.MDC;

/**
 * {@code X-Request-Id} at the front door: kept if the caller sent a sane one, generated if not,
 * forwarded to the service, returned to the caller and put in the logging context. The services
 * apply the same rule (ats-platform's {@code RequestIds}), so one id follows a request everywhere.
 */
public final class RequestIds {

  public static final String HEADER = "X-Request-Id";
  public static final String MDC_KEY = "requestId";
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,128}");

  private RequestIds() {}

  /** Assigns the request's id (once), returns it on the response and logs with it. */
  public static String assign(RoutingContext rc) {
    String id = rc.get(MDC_KEY);
    if (id == null) {
      String sent = rc.request().getHeader(HEADER);
      id = sent != null && SANE.matcher(sent).matches() ? sent : UUID.randomUUID().toString();
      rc.put(MDC_KEY, id);
      rc.response().putHeader(HEADER, id);
    }
    MDC.put(MDC_KEY, id);
    return id;
  }

  /** The id assigned to this request, or null before {@link #assign}. */
  public static String of(RoutingContext rc) {
    return rc.get(MDC_KEY);
  }
}
