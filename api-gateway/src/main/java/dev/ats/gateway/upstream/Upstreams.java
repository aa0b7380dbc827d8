package dev.ats.gateway.upstream;

import dev.ats.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Context;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import io.vertx.core.net.SocketAddress;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Pooled HTTP clients for the services, with the connect timeout shared by every route and a
 * per-route idle timeout: a service that sends nothing for that long is given up on.
 *
 * <p>One client (and so one connection pool) per event loop: a request is forwarded on a connection
 * of the event loop that received it. With one pool for all, a connection opened by one event loop
 * is handed to requests of the others (the pool picks the most recently used), and every such
 * request then crosses threads twice (the write to the connection's loop, the answer back to the
 * caller's): extra tasks, wake-ups and latency on every request. nginx keeps its upstream
 * connections per worker for the same reason.
 */
@ApplicationScoped
public class Upstreams {

  /**
   * Where each service is and how long to wait for it, read from the configuration once. {@code
   * server} is the address Vert.x would otherwise build from host and port on every request
   * (parsing an IP literal each time); a host name in it is still resolved when connecting.
   */
  private record Target(
      String host,
      int port,
      SocketAddress server,
      boolean ssl,
      long connectMillis,
      long idleMillis) {}

  private final Map<Service, Target> targets = new EnumMap<>(Service.class);
  private final Vertx vertx;
  private final HttpClientOptions options;

  /** For requests made outside an event loop (none on the request path). */
  private final HttpClient shared;

  private final ConcurrentHashMap<Thread, HttpClient> perEventLoop = new ConcurrentHashMap<>();

  public Upstreams(GatewayConfig config, Vertx vertx) {
    for (Service service : Service.values()) {
      URI base = service.baseUrl(config);
      boolean ssl = "https".equalsIgnoreCase(base.getScheme());
      int port = base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80;
      targets.put(
          service,
          new Target(
              base.getHost(),
              port,
              SocketAddress.inetSocketAddress(port, base.getHost()),
              ssl,
              config.timeouts().connect().toMillis(),
              service.timeout(config).toMillis()));
    }
    this.vertx = vertx;
    this.options =
        new HttpClientOptions()
            .setConnectTimeout((int) config.timeouts().connect().toMillis())
            .setKeepAlive(true)
            // Per event loop (Quarkus runs 2 per core).
            .setMaxPoolSize(100)
            // Bodies pass through as they are: no decompression, no re-encoding.
            .setDecompressionSupported(false);
    this.shared = vertx.createHttpClient(options);
  }

  /** The calling event loop's client (made on its first request), or the shared one elsewhere. */
  private HttpClient client() {
    if (!Context.isOnEventLoopThread()) {
      return shared;
    }
    Thread loop = Thread.currentThread();
    HttpClient client = perEventLoop.get(loop);
    if (client == null) {
      client = perEventLoop.computeIfAbsent(loop, l -> vertx.createHttpClient(options));
    }
    return client;
  }

  /** A request to {@code service} for {@code uri}; fails with {@link UnreachableService}. */
  public Future<HttpClientRequest> request(Service service, HttpMethod method, String uri) {
    Target target = targets.get(service);
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setHost(target.host())
            .setPort(target.port())
            .setServer(target.server())
            .setSsl(target.ssl())
            .setURI(uri)
            .setConnectTimeout(target.connectMillis())
            .setIdleTimeout(target.idleMillis());
    return client()
        .request(options)
        .recover(e -> Future.failedFuture(new UnreachableService(service, e)));
  }

  void close(@Observes ShutdownEvent event) {
    shared.close();
    perEventLoop.values().forEach(HttpClient::close);
  }

  /** The service could not be connected to (refused, unresolvable, or no answer to connect). */
  public static final class UnreachableService extends RuntimeException {
    public UnreachableService(Service service, Throwable cause) {
      super(service.key() + " cannot be reached: " + cause.getMessage(), cause);
    }
  }
}
