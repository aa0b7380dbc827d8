package dev.ats.gateway.proxy;

import dev.ats.gateway.config.GatewayConfig;
import dev.ats.gateway.http.BodyLimits;
import dev.ats.gateway.http.Problems;
import dev.ats.gateway.http.VertxRequestIds;
import dev.ats.gateway.upstream.Service;
import dev.ats.gateway.upstream.UpstreamFailures;
import dev.ats.gateway.upstream.Upstreams;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * Forwards an allowed request to its service with Vert.x's reverse proxy ({@link ProxyRequest} and
 * {@link ProxyResponse}): method, path, query and headers unchanged except hop-by-hop headers, plus
 * {@code X-Request-Id} and {@code X-Forwarded-*}; bodies streamed both ways. A body without a
 * declared length is read here first, up to max-body-size, so an oversized one never leaves.
 */
@ApplicationScoped
public class ServiceProxy {

  /** RFC 9110 §7.6.1, plus the non-standard Proxy-Connection. */
  private static final Set<String> HOP_BY_HOP =
      Set.of(
          "connection",
          "proxy-connection",
          "keep-alive",
          "proxy-authenticate",
          "proxy-authorization",
          "te",
          "trailer",
          "transfer-encoding",
          "upgrade");

  // Header names encoded once, not on every request.
  private static final CharSequence PROXY_CONNECTION =
      HttpHeaders.createOptimized("Proxy-Connection");
  private static final CharSequence X_FORWARDED_FOR =
      HttpHeaders.createOptimized("X-Forwarded-For");
  private static final CharSequence X_FORWARDED_PROTO =
      HttpHeaders.createOptimized("X-Forwarded-Proto");
  private static final CharSequence X_FORWARDED_HOST =
      HttpHeaders.createOptimized("X-Forwarded-Host");
  private static final CharSequence X_FORWARDED_PORT =
      HttpHeaders.createOptimized("X-Forwarded-Port");

  private final GatewayConfig config;
  private final Upstreams upstreams;
  private final BodyLimits bodyLimits;

  public ServiceProxy(GatewayConfig config, Upstreams upstreams, BodyLimits bodyLimits) {
    this.config = config;
    this.upstreams = upstreams;
    this.bodyLimits = bodyLimits;
  }

  /** Streams the request to {@code service} and its answer back; the caller is already allowed. */
  public void forward(RoutingContext rc, Service service) {
    HttpServerRequest request = rc.request();
    boolean declaredLength = request.headers().contains(HttpHeaders.CONTENT_LENGTH);
    String encoding = request.getHeader(HttpHeaders.TRANSFER_ENCODING);
    boolean chunked = encoding != null && encoding.toLowerCase(Locale.ROOT).contains("chunked");
    if (!declaredLength && chunked) {
      // No declared length: read it here (it is at most max-body-size) so an oversized one is
      // refused before anything reaches the service.
      long maxBodyBytes = bodyLimits.limitFor(request);
      readAtMost(request, maxBodyBytes)
          .onSuccess(body -> proxy(rc, service, Body.body(body)))
          .onFailure(
              e -> {
                if (e instanceof BodyTooLarge) {
                  Problems.contentTooLarge(rc, maxBodyBytes);
                } else {
                  rc.response().reset();
                }
              });
    } else {
      // Known, checked length (or none): stream it.
      proxy(rc, service, null);
    }
  }

  private void proxy(RoutingContext rc, Service service, Body bufferedBody) {
    HttpServerRequest request = rc.request();
    ProxyRequest proxyRequest = ProxyRequest.reverseProxy(request);
    if (bufferedBody != null) {
      proxyRequest.setBody(bufferedBody);
    }
    forwardedHeaders(rc, proxyRequest.headers());
    upstreams
        .request(service, request.method(), request.uri())
        .compose(proxyRequest::send)
        .onSuccess(
            response -> {
              cleanResponseHeaders(response);
              response.send();
            })
        .onFailure(failure -> UpstreamFailures.answer(rc, service, config, failure));
  }

  /**
   * The services build absolute URLs (Location) from {@code X-Forwarded-Proto/Host/Port}, and see
   * the caller's address in {@code X-Forwarded-For}: so the gateway alone sets them, from the
   * request as it received it (which Quarkus has already corrected from a trusted proxy's headers
   * if {@code quarkus.http.proxy.*} says to trust one). Whatever a caller sent under these names,
   * or as {@code Forwarded}, is dropped: a caller cannot choose the origin or address a service
   * sees.
   */
  private void forwardedHeaders(RoutingContext rc, MultiMap headers) {
    HttpServerRequest request = rc.request();
    if (request.headers().contains(HttpHeaders.CONNECTION)) {
      removeConnectionNamed(headers, request.headers().getAll(HttpHeaders.CONNECTION));
    }
    headers.remove(PROXY_CONNECTION);
    headers.set(VertxRequestIds.HEADER, VertxRequestIds.of(rc));
    removeAll(headers, ServiceProxy::isForwarding);
    headers.set(X_FORWARDED_FOR, clientAddress(rc));
    headers.set(X_FORWARDED_PROTO, request.scheme());
    HostAndPort authority = request.authority();
    if (authority != null) {
      headers.set(X_FORWARDED_HOST, authority.host());
      int port =
          authority.port() > 0 ? authority.port() : "https".equals(request.scheme()) ? 443 : 80;
      headers.set(X_FORWARDED_PORT, Integer.toString(port));
    }
  }

  private static void cleanResponseHeaders(ProxyResponse response) {
    MultiMap headers = response.headers();
    if (headers.contains(HttpHeaders.CONNECTION)) {
      removeConnectionNamed(headers, headers.getAll(HttpHeaders.CONNECTION));
    }
    removeAll(headers, ServiceProxy::isHopByHopOrGatewayOwned);
  }

  /**
   * Removes the headers whose names {@code drop} matches, walking the entries once (no sorted copy
   * of the names, no regular expression: this runs twice on every request, and usually drops
   * nothing).
   */
  private static void removeAll(MultiMap headers, Predicate<String> drop) {
    List<String> names = null;
    for (Map.Entry<String, String> header : headers) {
      if (drop.test(header.getKey())) {
        if (names == null) {
          names = new ArrayList<>(2);
        }
        names.add(header.getKey());
      }
    }
    if (names != null) {
      names.forEach(headers::remove);
    }
  }

  /** {@code Forwarded}, {@code X-Forwarded-*}, {@code X-Real-IP}: only the gateway sets these. */
  static boolean isForwarding(String name) {
    return name.equalsIgnoreCase("forwarded")
        || name.equalsIgnoreCase("x-real-ip")
        || name.regionMatches(true, 0, "x-forwarded-", 0, 12);
  }

  /**
   * Hop-by-hop headers, and those the gateway owns on the way back ({@code X-Request-Id}, {@code
   * RateLimit-*}, {@code Retry-After}, {@code Access-Control-*}): a service's own copies would only
   * duplicate them.
   */
  static boolean isHopByHopOrGatewayOwned(String name) {
    String lower = name.toLowerCase(Locale.ROOT);
    return HOP_BY_HOP.contains(lower)
        || lower.equals("x-request-id")
        || lower.startsWith("ratelimit-")
        || lower.equals("retry-after")
        || lower.startsWith("access-control-");
  }

  /** Headers listed in Connection are hop-by-hop too (RFC 9110 §7.6.1). */
  private static void removeConnectionNamed(MultiMap headers, List<String> connectionValues) {
    for (String value : connectionValues) {
      for (String name : value.split(",")) {
        if (!name.isBlank()) {
          headers.remove(name.trim());
        }
      }
    }
  }

  private static Future<Buffer> readAtMost(HttpServerRequest request, long limit) {
    Promise<Buffer> promise = Promise.promise();
    Buffer body = Buffer.buffer();
    request.handler(
        chunk -> {
          if (promise.future().isComplete()) {
            return;
          }
          if ((long) body.length() + chunk.length() > limit) {
            promise.tryFail(new BodyTooLarge());
          } else {
            body.appendBuffer(chunk);
          }
        });
    request.endHandler(v -> promise.tryComplete(body));
    request.exceptionHandler(promise::tryFail);
    request.resume();
    return promise.future();
  }

  private static final class BodyTooLarge extends RuntimeException {
    BodyTooLarge() {
      super("request body too large", null, false, false);
    }
  }

  /**
   * The caller's address (the peer, or what trusted proxies say if Quarkus is told to trust them).
   */
  public static String clientAddress(RoutingContext rc) {
    var address = rc.request().remoteAddress();
    return address == null ? "unknown" : address.hostAddress();
  }
}
