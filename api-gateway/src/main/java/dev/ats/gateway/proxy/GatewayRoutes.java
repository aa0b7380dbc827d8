package dev.ats.gateway.proxy;

import dev.ats.gateway.config.GatewayConfig;
import dev.ats.gateway.http.Problems;
import dev.ats.gateway.http.RequestIds;
import dev.ats.gateway.ratelimit.RateLimitDecision;
import dev.ats.gateway.ratelimit.RateLimiter;
import dev.ats.gateway.security.AccessPolicy;
import dev.ats.gateway.security.Caller;
import io.quarkus.runtime.configuration.MemorySize;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.MultiMap;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.net.HostAndPort;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import io.vertx.httpproxy.Body;
import io.vertx.httpproxy.ProxyRequest;
import io.vertx.httpproxy.ProxyResponse;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import java.util.regex.Pattern;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;

/**
 * The front door: every {@code /api/v1/**} request is given a request id, authenticated, counted
 * against its caller's rate limit, authorised, and then streamed to its service with Vert.x's
 * reverse proxy, path unchanged. Anything the gateway refuses is answered as problem+json.
 */
@ApplicationScoped
public class GatewayRoutes {

  private static final Logger ACCESS = Logger.getLogger("dev.ats.gateway.access");
  private static final String PREFIX = "/api/v1/";

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

  /** Headers the gateway owns on the way back; a service's own copies would only duplicate them. */
  private static final Pattern GATEWAY_OWNED =
      Pattern.compile("(?i)x-request-id|ratelimit-.*|retry-after|access-control-.*");

  /** Dot segments, empty segments, encoded slashes, backslashes or dots, matrix parameters. */
  private static final Pattern AMBIGUOUS_PATH =
      Pattern.compile("(?i).*(/\\.{1,2}(/|$)|//|%2f|%5c|%2e|\\\\|;).*");

  private static final BiConsumer<RoutingContext, Throwable> IGNORE_AUTH_FAILURE = (rc, e) -> {};

  private final GatewayConfig config;
  private final Upstreams upstreams;
  private final AccessPolicy policy;
  private final RateLimiter rateLimiter;
  private final IdentityProviderManager identities;
  private final long maxBodyBytes;
  private final Vertx vertx;

  public GatewayRoutes(
      GatewayConfig config,
      Upstreams upstreams,
      AccessPolicy policy,
      RateLimiter rateLimiter,
      IdentityProviderManager identities,
      @ConfigProperty(name = "quarkus.http.limits.max-body-size", defaultValue = "10240K")
          MemorySize maxBodySize,
      Vertx vertx) {
    this.config = config;
    this.upstreams = upstreams;
    this.policy = policy;
    this.rateLimiter = rateLimiter;
    this.identities = identities;
    this.maxBodyBytes = maxBodySize.asLongValue();
    this.vertx = vertx;
  }

  void register(@Observes Router router) {
    // Before Quarkus' own check (which answers 413 with an empty body), so the answer is a problem.
    router
        .route()
        .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
        .handler(this::refuseDeclaredOversizedBody);
    router.route("/api/v1/*").handler(this::handle);
    // Whatever no route took.
    router
        .route()
        .order(RouteConstants.ROUTE_ORDER_AFTER_DEFAULT + 1000)
        .handler(Problems::notFound);
    vertx.setPeriodic(60_000, id -> rateLimiter.evictIdle());
  }

  private void refuseDeclaredOversizedBody(RoutingContext rc) {
    String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      try {
        if (Long.parseLong(length.trim()) > maxBodyBytes) {
          tooLarge(rc);
          return;
        }
      } catch (NumberFormatException e) {
        // Netty refuses malformed lengths before we get here; nothing to decide.
      }
    }
    rc.next();
  }

  private void handle(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    // Hold the body back until we know whether it goes anywhere.
    request.pause();
    RequestIds.assign(rc);
    long started = System.nanoTime();
    rc.addEndHandler(
        ar ->
            ACCESS.infof(
                "%s %s -> %d (%d ms)",
                request.method(),
                request.uri(),
                rc.response().getStatusCode(),
                (System.nanoTime() - started) / 1_000_000));

    String path = request.path();
    if (AMBIGUOUS_PATH.matcher(path).matches()) {
      Problems.send(
          rc,
          400,
          "invalid-path",
          "Invalid path",
          "Paths with dot segments, empty segments, encoded slashes or dots, or ';' are refused");
      return;
    }
    List<String> segments = segments(path);
    Optional<Service> service =
        segments.isEmpty() ? Optional.empty() : Service.forFamily(segments.get(0));
    if (service.isEmpty()) {
      Problems.notFound(rc);
      return;
    }
    Context context = Vertx.currentContext();
    // A bad token is answered below as a problem, not with Quarkus' default empty 401 challenge.
    rc.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, IGNORE_AUTH_FAILURE);
    QuarkusHttpUser.getSecurityIdentity(rc, identities)
        .subscribe()
        .with(
            identity ->
                onContext(context, () -> authenticated(rc, service.get(), segments, identity)),
            failure -> onContext(context, () -> invalidToken(rc)));
  }

  private void invalidToken(RoutingContext rc) {
    // A bad token counts against the client address, like any anonymous request.
    if (withinLimit(rc, RateLimiter.Plan.ANONYMOUS, clientAddress(rc))) {
      Problems.unauthorized(rc);
    }
  }

  private void authenticated(
      RoutingContext rc, Service service, List<String> segments, SecurityIdentity identity) {
    Caller caller = callerOf(identity);
    HttpMethod method = rc.request().method();
    boolean submit = method == HttpMethod.POST && segments.equals(List.of("applications"));
    RateLimiter.Plan plan =
        !caller.isAnonymous()
            ? RateLimiter.Plan.AUTHENTICATED
            : submit ? RateLimiter.Plan.ANONYMOUS_SUBMIT : RateLimiter.Plan.ANONYMOUS;
    if (!withinLimit(rc, plan, caller.isAnonymous() ? clientAddress(rc) : caller.subject())) {
      return;
    }
    boolean applicationToken = notBlank(rc.request().getHeader("X-Application-Token"));
    switch (policy.decide(caller, method, segments, applicationToken)) {
      case AUTHENTICATE -> Problems.unauthorized(rc);
      case FORBID -> Problems.forbidden(rc);
      case ALLOW -> forward(rc, service);
    }
  }

  private boolean withinLimit(RoutingContext rc, RateLimiter.Plan plan, String caller) {
    if (!rateLimiter.enabled()) {
      return true;
    }
    RateLimitDecision decision = rateLimiter.take(plan, caller);
    decision.writeHeaders(rc.response());
    if (!decision.allowed()) {
      Problems.send(
          rc,
          429,
          "rate-limited",
          "Too Many Requests",
          "Rate limit of "
              + decision.limit()
              + " requests exceeded; retry in "
              + Math.max(1, decision.retryAfterSeconds())
              + " s");
      return false;
    }
    return true;
  }

  private void forward(RoutingContext rc, Service service) {
    HttpServerRequest request = rc.request();
    boolean declaredLength = request.headers().contains(HttpHeaders.CONTENT_LENGTH);
    boolean chunked = "chunked".equalsIgnoreCase(request.getHeader(HttpHeaders.TRANSFER_ENCODING));
    if (!declaredLength && chunked) {
      // No declared length: read it here (it is at most max-body-size) so an oversized one is
      // refused before anything reaches the service.
      readAtMost(request, maxBodyBytes)
          .onSuccess(body -> proxy(rc, service, Body.body(body)))
          .onFailure(
              e -> {
                if (e instanceof BodyTooLarge) {
                  tooLarge(rc);
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

  private void forwardedHeaders(RoutingContext rc, MultiMap headers) {
    HttpServerRequest request = rc.request();
    removeConnectionNamed(headers, request.headers().getAll(HttpHeaders.CONNECTION));
    headers.remove("Proxy-Connection");
    headers.set(RequestIds.HEADER, RequestIds.of(rc));
    String client = clientAddress(rc);
    String prior = request.getHeader("X-Forwarded-For");
    headers.set("X-Forwarded-For", prior == null ? client : prior + ", " + client);
    headers.set("X-Forwarded-Proto", request.scheme());
    HostAndPort authority = request.authority();
    if (authority != null) {
      headers.set("X-Forwarded-Host", authority.host());
      int port =
          authority.port() > 0 ? authority.port() : "https".equals(request.scheme()) ? 443 : 80;
      headers.set("X-Forwarded-Port", Integer.toString(port));
    }
  }

  private static void cleanResponseHeaders(ProxyResponse response) {
    MultiMap headers = response.headers();
    removeConnectionNamed(headers, headers.getAll(HttpHeaders.CONNECTION));
    List<String> drop = new ArrayList<>();
    for (String name : headers.names()) {
      String lower = name.toLowerCase(Locale.ROOT);
      if (HOP_BY_HOP.contains(lower) || GATEWAY_OWNED.matcher(lower).matches()) {
        drop.add(name);
      }
    }
    drop.forEach(headers::remove);
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

  private void tooLarge(RoutingContext rc) {
    // The rest of the body is not wanted: say so, and end the connection after the answer.
    rc.response().putHeader(HttpHeaders.CONNECTION, "close");
    Problems.send(
        rc,
        413,
        "content-too-large",
        "Content Too Large",
        "Request bodies are limited to " + maxBodyBytes + " bytes");
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

  private static Caller callerOf(SecurityIdentity identity) {
    if (identity == null || identity.isAnonymous()) {
      return Caller.anonymous();
    }
    String subject = identity.getPrincipal().getName();
    if (identity.getPrincipal() instanceof JsonWebToken jwt && notBlank(jwt.getSubject())) {
      subject = jwt.getSubject();
    }
    return new Caller(subject, Set.copyOf(identity.getRoles()));
  }

  private static String clientAddress(RoutingContext rc) {
    var address = rc.request().remoteAddress();
    return address == null ? "unknown" : address.hostAddress();
  }

  /** {@code /api/v1/applications/42/notes} → {@code [applications, 42, notes]}. */
  static List<String> segments(String path) {
    if (!path.startsWith(PREFIX)) {
      return List.of();
    }
    List<String> segments = new ArrayList<>();
    for (String segment : path.substring(PREFIX.length()).split("/")) {
      if (!segment.isEmpty()) {
        segments.add(segment);
      }
    }
    return segments;
  }

  private static boolean notBlank(String value) {
    return value != null && !value.isBlank();
  }

  private static void onContext(Context context, Runnable action) {
    if (context == null || Vertx.currentContext() == context) {
      action.run();
    } else {
      context.runOnContext(v -> action.run());
    }
  }
}
