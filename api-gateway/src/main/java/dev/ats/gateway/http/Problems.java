package dev.ats.gateway.http;

import dev.ats.web.error.Problem;
import dev.ats.web.http.RequestIds;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.http.HttpServerResponse;
import io.vertx.core.json.Json;
import io.vertx.ext.web.RoutingContext;
import java.net.URI;

/**
 * Answers with ats-web's RFC 9457 {@link Problem}, the shape every ATS service uses ({@code type,
 * title, status, detail, instance, requestId}, as {@code application/problem+json}), so a caller
 * cannot tell whether the gateway or a service refused it. Serialised by Vert.x's {@link Json},
 * which in Quarkus is the application's Jackson {@code ObjectMapper}: the services' rules.
 */
public final class Problems {

  private Problems() {}

  public static void send(RoutingContext rc, int status, String type, String title, String detail) {
    HttpServerResponse response = rc.response();
    if (response.headWritten()) {
      // Part of an answer is on its way already; all that is left is to cut it short.
      response.reset();
      return;
    }
    String requestId = VertxRequestIds.assign(rc);
    HttpServerRequest request = rc.request();
    Problem problem =
        new Problem(
            URI.create(Problem.TYPE_BASE + type),
            title,
            status,
            detail,
            request.path(),
            requestId,
            null,
            null);
    if (!request.isEnded()) {
      // A body we will not read must not hold the connection up.
      request.resume();
    }
    response
        .setStatusCode(status)
        .putHeader("Content-Type", Problem.MEDIA_TYPE)
        .putHeader(RequestIds.HEADER, requestId)
        .end(Json.encodeToBuffer(problem));
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

  /**
   * 502: a service could not be reached, failed, or gave nothing usable; {@code detail} says which.
   */
  public static void badGateway(RoutingContext rc, String detail) {
    send(rc, 502, "bad-gateway", "Bad Gateway", detail);
  }

  public static void forbidden(RoutingContext rc) {
    send(rc, 403, "forbidden", "Forbidden", "Your token's groups do not allow this");
  }
}
