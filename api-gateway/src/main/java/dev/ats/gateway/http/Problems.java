package dev.ats.gateway.http;

import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.RoutingContext;

/**
 * Answers with an RFC 9457 problem in the shape every ATS service uses ({@code type, title, status,
 * detail, instance, requestId}, as {@code application/problem+json}), so a caller cannot tell
 * whether the gateway or a service refused it.
 */
public final class Problems {

  public static final String MEDIA_TYPE = "application/problem+json";
  public static final String TYPE_BASE = "https://ats.dev/problems/";

  private Problems() {}

  public static void send(RoutingContext rc, int status, String type, String title, String detail) {
    HttpServerResponse response = rc.response();
    if (response.headWritten()) {
      // Part of an answer is on its way already; all that is left is to cut it short.
      response.reset();
      return;
    }
    String requestId = RequestIds.assign(rc);
    JsonObject problem =
        new JsonObject()
            .put("type", TYPE_BASE + type)
            .put("title", title)
            .put("status", status)
            .put("detail", detail)
            .put("instance", rc.request().path())
            .put("requestId", requestId);
    HttpServerRequest request = rc.request();
    if (!request.isEnded()) {
      // A body we will not read must not hold the connection up.
      request.resume();
    }
    response
        .setStatusCode(status)
        .putHeader("Content-Type", MEDIA_TYPE)
        .putHeader(RequestIds.HEADER, requestId)
        .end(problem.toBuffer());
  }

  public static void notFound(RoutingContext rc) {
    send(rc, 404, "not-found", "Not Found", "There is nothing at " + rc.request().path());
  }

  public static void unauthorized(RoutingContext rc) {
    rc.response().putHeader("WWW-Authenticate", "Bearer");
    send(
        rc,
        401,
        "unauthorized",
        "Unauthorized",
        "This needs a valid bearer token (Authorization: Bearer ...)");
  }

  /** 413; the rest of the body is not wanted, so the connection ends after the answer. */
  public static void contentTooLarge(RoutingContext rc, long limitBytes) {
    rc.response().putHeader("Connection", "close");
    send(
        rc,
        413,
        "content-too-large",
        "Content Too Large",
        "Request bodies are limited to " + limitBytes + " bytes");
  }

  public static void forbidden(RoutingContext rc) {
    send(rc, 403, "forbidden", "Forbidden", "Your token's groups do not allow this");
  }
}
