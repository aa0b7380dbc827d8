package dev.ats.gateway.http;

import dev.ats.web.http.RequestIds;
import io.vertx.ext.web.RoutingContext;
import org.jboss.logging.MDC;

/**
 * ats-web's {@link RequestIds} rule on the gateway's Vert.x routes: the id is kept if the caller
 * sent a sane one and generated if not ({@link RequestIds#keepOrCreate}), then forwarded to the
 * service, returned to the caller and put in the logging context, so one id follows a request
 * everywhere.
 */
public final class VertxRequestIds {

  private VertxRequestIds() {}

  /** Assigns the request's id (once), returns it on the response and logs with it. */
  public static String assign(RoutingContext rc) {
    String id = rc.get(RequestIds.MDC_KEY);
    if (id == null) {
      id = RequestIds.keepOrCreate(rc.request().getHeader(RequestIds.HEADER));
      rc.put(RequestIds.MDC_KEY, id);
      rc.response().putHeader(RequestIds.HEADER, id);
    }
    MDC.put(RequestIds.MDC_KEY, id);
    return id;
  }

  /** The id assigned to this request, or null before {@link #assign}. */
  public static String of(RoutingContext rc) {
    return rc.get(RequestIds.MDC_KEY);
  }
}
