package dev.ats.gateway.frontdoor;

import dev.ats.gateway.http.AmbiguousPaths;
import dev.ats.gateway.http.BodyLimits;
import dev.ats.gateway.http.Problems;
import dev.ats.gateway.http.VertxRequestIds;
import dev.ats.gateway.metrics.GatewayMetrics;
import dev.ats.gateway.proxy.ServiceProxy;
import dev.ats.gateway.ratelimit.RateLimitDecision;
import dev.ats.gateway.ratelimit.RateLimiter;
import dev.ats.gateway.security.AccessPolicy;
import dev.ats.gateway.security.Caller;
import dev.ats.gateway.security.VerifiedTokens;
import dev.ats.gateway.upstream.Service;
import dev.ats.web.http.RequestIds;
import io.opentelemetry.api.trace.Span;
import io.quarkus.security.identity.IdentityProviderManager;
import io.quarkus.security.identity.SecurityIdentity;
import io.quarkus.vertx.http.runtime.RouteConstants;
import io.quarkus.vertx.http.runtime.security.QuarkusHttpUser;
import io.vertx.core.AsyncResult;
import io.vertx.core.Context;
import io.vertx.core.Handler;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpHeaders;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.BiConsumer;
import org.eclipse.microprofile.jwt.JsonWebToken;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The front door: every {@code /api/v1/**} request is given a request id, authenticated, counted
 * against its caller's rate limit, authorised, and then streamed to its service with Vert.x's
 * reverse proxy ({@link ServiceProxy}), path unchanged. Anything the gateway refuses is answered as
 * problem+json.
 */
@ApplicationScoped
public class GatewayRoutes {

  private static final Logger ACCESS = Logger.getLogger("dev.ats.gateway.access");
  private static final Logger LOG = Logger.getLogger(GatewayRoutes.class);
  private static final String PREFIX = "/api/v1/";

  private static final String BEARER = "Bearer ";

  private static final BiConsumer<RoutingContext, Throwable> IGNORE_AUTH_FAILURE = (rc, e) -> {};

  /** The span attribute that records the request id (as ats-platform's TraceContext names it). */
  private static final String REQUEST_ID_ATTRIBUTE = "ats.request_id";

  private static final CharSequence APPLICATION_TOKEN =
      HttpHeaders.createOptimized("X-Application-Token");

  private final ServiceProxy serviceProxy;
  private final AccessPolicy policy;
  private final RateLimiter rateLimiter;
  private final IdentityProviderManager identities;
  private final VerifiedTokens verifiedTokens;
  private final BodyLimits bodyLimits;
  private final Vertx vertx;
  private final GatewayMetrics metrics;

  public GatewayRoutes(
      ServiceProxy serviceProxy,
      AccessPolicy policy,
      RateLimiter rateLimiter,
      IdentityProviderManager identities,
      VerifiedTokens verifiedTokens,
      BodyLimits bodyLimits,
      Vertx vertx,
      GatewayMetrics metrics) {
    this.serviceProxy = serviceProxy;
    this.policy = policy;
    this.rateLimiter = rateLimiter;
    this.identities = identities;
    this.verifiedTokens = verifiedTokens;
    this.bodyLimits = bodyLimits;
    this.vertx = vertx;
    this.metrics = metrics;
  }

  void register(@Observes Router router) {
    // Before Quarkus' own check (which answers 413 with an empty body), so the answer is a problem.
    router
        .route()
        .order(RouteConstants.ROUTE_ORDER_UPLOAD_LIMIT - 1)
        .handler(this::refuseDeclaredOversizedBody);
    router.route("/api/v1/*").handler(this::handle);
    // The web front end's pages and their assets: it signs its users in and calls the API through
    // this gateway with their tokens, so the pages themselves pass without a token or policy.
    for (String pages : WEB_PATHS) {
      router.route(pages).handler(this::page);
    }
    // Whatever no route took.
    router
        .route()
        .order(RouteConstants.ROUTE_ORDER_AFTER_DEFAULT + 1000)
        .handler(Problems::notFound);
    vertx.setPeriodic(60_000, id -> rateLimiter.evictIdle());
  }

  /** The paths of the web front end ({@link Service#WEB}). */
  static final List<String> WEB_PATHS =
      List.of("/careers", "/careers/*", "/board", "/board/*", "/assets/*", "/webjars/*");

  /**
   * A page of the web front end: a request id, the path check, then straight to web. Logged without
   * its query: the candidate's self-service link carries an access token there.
   */
  private void page(RoutingContext rc) {
    HttpServerRequest request = rc.request();
    request.pause();
    rc.addEndHandler(new Exchange(rc, VertxRequestIds.assign(rc), true));
    if (!refusedAsAmbiguous(rc, request.path())) {
      serviceProxy.forward(rc, Service.WEB);
    }
  }

  /**
   * Answers 400 to a path with dot segments, empty segments, encoded slashes, backslashes or dots,
   * or ';' (so the gateway and the service can never disagree about what it names).
   *
   * @return whether it did
   */
  private static boolean refusedAsAmbiguous(RoutingContext rc, String path) {
    if (!AmbiguousPaths.isAmbiguous(path)) {
      return false;
    }
    Problems.send(
        rc,
        400,
        "invalid-path",
        "Invalid path",
        "Paths with dot segments, empty segments, encoded slashes or dots, or ';' are refused");
    return true;
  }

  private void refuseDeclaredOversizedBody(RoutingContext rc) {
    String length = rc.request().getHeader(HttpHeaders.CONTENT_LENGTH);
    if (length != null) {
      try {
        long limit = bodyLimits.limitFor(rc.request());
        if (Long.parseLong(length.trim()) > limit) {
          Problems.contentTooLarge(rc, limit);
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
    String requestId = VertxRequestIds.assign(rc);
    // The request id on the request's span too (when tracing is on), to find one from the other.
    Span span = Span.current();
    if (span.isRecording()) {
      span.setAttribute(REQUEST_ID_ATTRIBUTE, requestId);
    }
    Exchange exchange = new Exchange(rc, requestId, false);
    rc.addEndHandler(exchange);

    String path = request.path();
    List<String> segments = segments(path);
    exchange.family = family(segments);
    if (refusedAsAmbiguous(rc, path)) {
      return;
    }
    Optional<Service> service = Service.forPath(segments);
    if (service.isEmpty()) {
      Problems.notFound(rc);
      return;
    }
    String authorization = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (authorization == null) {
      // No credentials at all: anonymous, without asking the identity providers.
      authenticated(rc, exchange, service.get(), segments, Caller.anonymous());
      return;
    }
    // The token as a range of the header: a known token is found without copying it.
    int tokenStart = BEARER.length();
    int tokenEnd = authorization.length();
    boolean bearer =
        tokenEnd > tokenStart && authorization.regionMatches(true, 0, BEARER, 0, tokenStart);
    while (bearer && tokenStart < tokenEnd && authorization.charAt(tokenStart) <= ' ') {
      tokenStart++;
    }
    while (bearer && tokenEnd > tokenStart && authorization.charAt(tokenEnd - 1) <= ' ') {
      tokenEnd--;
    }
    String token = null;
    if (bearer && tokenStart < tokenEnd) {
      Caller known = verifiedTokens.find(authorization, tokenStart, tokenEnd);
      if (known != null) {
        authenticated(rc, exchange, service.get(), segments, known);
        return;
      }
      token = authorization.substring(tokenStart, tokenEnd);
    }
    String verifiedToken = token;
    Context context = Vertx.currentContext();
    // A bad token is answered below as a problem, not with Quarkus' default empty 401 challenge.
    rc.put(QuarkusHttpUser.AUTH_FAILURE_HANDLER, IGNORE_AUTH_FAILURE);
    QuarkusHttpUser.getSecurityIdentity(rc, identities)
        .subscribe()
        .with(
            identity ->
                onContext(
                    context,
                    () -> {
                      if (sentCredentialsNotUnderstood(rc, identity)) {
                        invalidToken(rc, exchange, null);
                      } else {
                        authenticated(
                            rc,
                            exchange,
                            service.get(),
                            segments,
                            verified(verifiedToken, identity));
                      }
                    }),
            failure -> onContext(context, () -> invalidToken(rc, exchange, failure)));
  }

  /** The metrics' family label: the first segment if it names a service's family. */
  private static String family(List<String> segments) {
    if (segments.isEmpty()) {
      return GatewayMetrics.OTHER_FAMILY;
    }
    String first = segments.get(0);
    return Service.forFamily(first).isPresent() ? first : GatewayMetrics.OTHER_FAMILY;
  }

  /**
   * One request on its way through: what its access line and metrics need, gathered as the pipeline
   * decides, and written once when the answer ends (one object per request instead of
   * routing-context entries and lookups; the line is concatenated, not formatted).
   */
  private final class Exchange implements Handler<AsyncResult<Void>> {
    private final RoutingContext rc;
    private final String requestId;
    private final boolean page;
    private final long started = System.nanoTime();
    private String family = GatewayMetrics.OTHER_FAMILY;
    private RateLimiter.Plan plan;
    private Service forwardedTo;
    private long forwardedAt;

    Exchange(RoutingContext rc, String requestId, boolean page) {
      this.rc = rc;
      this.requestId = requestId;
      this.page = page;
    }

    @Override
    public void handle(AsyncResult<Void> ended) {
      long now = System.nanoTime();
      HttpServerRequest request = rc.request();
      int status = rc.response().getStatusCode();
      if (ACCESS.isInfoEnabled()) {
        // This request's id, whichever request the event loop served last.
        MDC.put(RequestIds.MDC_KEY, requestId);
        // A page's query may carry a candidate's access token: pages are logged by path only.
        ACCESS.info(
            request.method().name()
                + ' '
                + (page ? request.path() : request.uri())
                + " -> "
                + status
                + " ("
                + (now - started) / 1_000_000
                + " ms)");
      }
      if (page) {
        return;
      }
      metrics.request(family, status, plan == null ? GatewayMetrics.NO_PLAN : plan.name());
      if (forwardedTo != null) {
        metrics.upstream(forwardedTo.key(), status, now - forwardedAt);
      }
    }
  }

  /** The caller of a token smallrye-jwt just verified, remembered for the token's next requests. */
  private Caller verified(String token, SecurityIdentity identity) {
    Caller caller = callerOf(identity);
    if (token != null
        && !caller.isAnonymous()
        && identity.getPrincipal() instanceof JsonWebToken jwt) {
      verifiedTokens.put(token, caller, jwt.getExpirationTime());
    }
    return caller;
  }

  /**
   * An {@code Authorization} header that yielded no identity (another scheme than {@code Bearer},
   * or an empty token) is refused like a bad token, not ignored: whoever sent credentials is told
   * they were not accepted instead of being served as an anonymous caller.
   */
  private static boolean sentCredentialsNotUnderstood(
      RoutingContext rc, SecurityIdentity identity) {
    return (identity == null || identity.isAnonymous())
        && notBlank(rc.request().getHeader(HttpHeaders.AUTHORIZATION));
  }

  private void invalidToken(RoutingContext rc, Exchange exchange, Throwable failure) {
    LOG.debugf(
        "credentials refused: %s", failure == null ? "not a bearer token" : failure.getMessage());
    // A bad token counts against the client address, like any anonymous request.
    if (withinLimit(rc, exchange, RateLimiter.Plan.ANONYMOUS, ServiceProxy.clientAddress(rc))) {
      Problems.unauthorized(rc);
    }
  }

  private void authenticated(
      RoutingContext rc, Exchange exchange, Service service, List<String> segments, Caller caller) {
    HttpMethod method = rc.request().method();
    // Anonymous writes that store something (a submission, an upload of up to 10 MiB) share the
    // strict per-address plan; reads keep the looser one.
    boolean submit =
        method == HttpMethod.POST
            && segments.size() == 1
            && (segments.get(0).equals("applications") || segments.get(0).equals("documents"));
    RateLimiter.Plan plan =
        !caller.isAnonymous()
            ? RateLimiter.Plan.AUTHENTICATED
            : submit ? RateLimiter.Plan.ANONYMOUS_SUBMIT : RateLimiter.Plan.ANONYMOUS;
    if (!withinLimit(
        rc,
        exchange,
        plan,
        caller.isAnonymous() ? ServiceProxy.clientAddress(rc) : caller.subject())) {
      return;
    }
    boolean applicationToken = notBlank(rc.request().getHeader(APPLICATION_TOKEN));
    switch (policy.decide(caller, method, segments, applicationToken)) {
      case AUTHENTICATE -> Problems.unauthorized(rc);
      case FORBID -> Problems.forbidden(rc);
      case ALLOW -> {
        exchange.forwardedAt = System.nanoTime();
        exchange.forwardedTo = service;
        serviceProxy.forward(rc, service);
      }
    }
  }

  private boolean withinLimit(
      RoutingContext rc, Exchange exchange, RateLimiter.Plan plan, String caller) {
    exchange.plan = plan;
    if (!rateLimiter.enabled()) {
      return true;
    }
    RateLimitDecision decision = rateLimiter.take(plan, caller);
    decision.writeHeaders(rc.response());
    if (!decision.allowed()) {
      metrics.rateLimited(plan.name());
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
