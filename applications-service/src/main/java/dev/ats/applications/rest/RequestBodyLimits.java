package dev.ats.applications.rest;

import dev.ats.applications.config.DocumentsConfig;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Request body limits, by declared length, before any body is read: {@code POST /api/v1/documents}
 * may carry a document ({@code ats.documents.max-bytes}) plus {@value #MULTIPART_OVERHEAD} bytes of
 * multipart framing; every other request at most {@value #OTHER_BODIES} bytes, as before documents.
 * Answered as a 413 problem (Quarkus' own check, {@code quarkus.http.limits.max-body-size}, which
 * must be at least the upload limit, answers an empty 413 for a body without a declared length).
 */
@ApplicationScoped
public class RequestBodyLimits {

  static final long MULTIPART_OVERHEAD = 64 * 1024;
  static final long OTHER_BODIES = 1024 * 1024;
  static final String UPLOAD_PATH = "/api/v1/documents";

  private final long uploadLimit;

  public RequestBodyLimits(DocumentsConfig config) {
    this.uploadLimit = config.maxBytes() + MULTIPART_OVERHEAD;
  }

  void register(@Observes Router router) {
    router.route().order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1).handler(this::check);
  }

  private void check(RoutingContext rc) {
    String length = rc.request().getHeader("Content-Length");
    if (length != null) {
      boolean upload =
          rc.request().method() == HttpMethod.POST
              && UPLOAD_PATH.equals(rc.request().path().replaceAll("/+$", ""));
      long limit = upload ? uploadLimit : OTHER_BODIES;
      try {
        if (Long.parseLong(length.trim()) > limit) {
          tooLarge(rc, limit, upload);
          return;
        }
      } catch (NumberFormatException e) {
        // Netty refuses malformed lengths before this runs.
      }
    }
    rc.next();
  }

  private static void tooLarge(RoutingContext rc, long limit, boolean upload) {
    JsonObject problem =
        new JsonObject()
            .put("type", "https://ats.dev/problems/content-too-large")
            .put("title", upload ? "Document too large" : "Content Too Large")
            .put("status", 413)
            .put("detail", "Request bodies here are limited to " + limit + " bytes")
            .put("instance", rc.request().path());
    rc.response()
        .setStatusCode(413)
        .putHeader("Content-Type", "application/problem+json")
        .putHeader("Connection", "close")
        .end(problem.encode());
  }
}
