package dev.ats.webapp.http;

import dev.ats.webapp.config.WebConfig;
import io.quarkus.vertx.http.runtime.filters.Filters;
import io.vertx.core.MultiMap;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * The security headers of every answer (pages, assets, errors): a strict Content-Security-Policy
 * without inline script or style, framing refused except on embed pages ({@code ?embed=1} under
 * {@code /careers}), whose {@code frame-ancestors} is configured; no referrer to other sites (the
 * self-service link carries the candidate's access token; {@code no-referrer} would make browsers
 * send {@code Origin: null} with form posts, which the gateway's CORS filter refuses); no MIME
 * sniffing.
 */
@ApplicationScoped
public class SecurityHeaders {

  static final String POLICY =
      "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:;"
          + " connect-src 'self'; form-action 'self'; base-uri 'none'; object-src 'none';"
          + " frame-ancestors ";

  private final WebConfig config;

  public SecurityHeaders(WebConfig config) {
    this.config = config;
  }

  void register(@Observes Filters filters) {
    filters.register(this::addHeaders, 100);
  }

  private void addHeaders(RoutingContext rc) {
    boolean embed = isEmbed(rc);
    rc.addHeadersEndHandler(
        v -> {
          MultiMap headers = rc.response().headers();
          // A proxied document keeps the API's own (stricter) policy: default-src 'none'; sandbox.
          if (!headers.contains("Content-Security-Policy")) {
            headers.set(
                "Content-Security-Policy",
                POLICY + (embed ? config.embed().frameAncestors() : "'none'"));
          }
          if (!embed) {
            headers.set("X-Frame-Options", "DENY");
          }
          headers.set("Referrer-Policy", "same-origin");
          headers.set("X-Content-Type-Options", "nosniff");
          headers.set("Cross-Origin-Opener-Policy", "same-origin");
          headers.set("Permissions-Policy", "camera=(), microphone=(), geolocation=()");
          if (!headers.contains("Cache-Control") && rc.request().path().startsWith("/board")) {
            headers.set("Cache-Control", "no-store");
          }
        });
    rc.next();
  }

  /** An embed page: under /careers with {@code embed=1} in the query. */
  public static boolean isEmbed(RoutingContext rc) {
    return rc.request().path().startsWith("/careers") && "1".equals(rc.request().getParam("embed"));
  }
}
