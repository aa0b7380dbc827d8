package dev.ats.applications.rest;

import dev.ats.applications.config.DocumentsConfig;
import dev.ats.applications.service.documents.DocumentUploads;
import dev.ats.web.error.ApiException;
import dev.ats.web.error.Problem;
import dev.ats.web.http.RequestIds;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.Json;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;

/**
 * Request body limits, by declared length, before any body is read: {@code POST /api/v1/documents}
 * may carry a document ({@code ats.documents.max-bytes}) plus {@value #MULTIPART_OVERHEAD} bytes of
 * multipart framing; every other request at most {@value #OTHER_BODIES} bytes, as before documents.
 * Answered with ats-web's {@link Problem}, the body of every other error: for an upload the same
 * 413 as a spooled file over the limit ({@link DocumentUploads#tooLarge}), elsewhere the gateway's
 * {@code content-too-large}. (Quarkus' own check, {@code quarkus.http.limits.max-body-size}, which
 * must be at least the upload limit, answers an empty 413 for a body without a declared length.)
 */
@ApplicationScoped
public class RequestBodyLimits {

  static final long MULTIPART_OVERHEAD = 64 * 1024;
  static final long OTHER_BODIES = 1024 * 1024;
  static final String UPLOAD_PATH = "/api/v1/documents";

  private final long maxDocumentBytes;
  private final long uploadLimit;

  public RequestBodyLimits(DocumentsConfig config) {
    this.maxDocumentBytes = config.maxBytes();
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
          tooLarge(
              rc,
              upload
                  ? DocumentUploads.tooLarge(maxDocumentBytes)
                  : new ApiException(
                      413,
                      "content-too-large",
                      "Content Too Large",
                      "Request bodies are limited to " + OTHER_BODIES + " bytes"));
          return;
        }
      } catch (NumberFormatException e) {
        // Netty refuses malformed lengths before this runs.
      }
    }
    rc.next();
  }

  /**
   * The problem as ProblemMappers renders it; the unread rest of the body closes the connection.
   */
  private static void tooLarge(RoutingContext rc, ApiException e) {
    String requestId = RequestIds.keepOrCreate(rc.request().getHeader(RequestIds.HEADER));
    Problem problem = Problem.of(e, rc.request().path(), requestId);
    rc.response()
        .setStatusCode(e.status())
        .putHeader("Content-Type", Problem.MEDIA_TYPE)
        .putHeader(RequestIds.HEADER, requestId)
        .putHeader("Connection", "close")
        .end(Json.encodeToBuffer(problem));
  }
}
