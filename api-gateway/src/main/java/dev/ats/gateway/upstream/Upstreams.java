package dev.ats.gateway.upstream;

import dev.ats.gateway.config.GatewayConfig;
import io.quarkus.runtime.ShutdownEvent;
import io.vertx.core.Future;
import io.vertx.core.Vertx;
import io.vertx.core.http.HttpClient;
import io.vertx.core.http.HttpClientOptions;
import io.vertx.core.http.HttpClientRequest;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.http.RequestOptions;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.net.URI;
import java.util.EnumMap;
import java.util.Map;

/**
 * One pooled HTTP client for the services, with the connect timeout shared by every route and a
 * per-route idle timeout: a service that sends nothing for that long is given up on.
 */
@ApplicationScoped
public class Upstreams {

  /** Where each service is and how long to wait for it, read from the configuration once. */
  private record Target(String host, int port, boolean ssl, long connectMillis, long idleMillis) {}

  private final Map<Service, Target> targets = new EnumMap<>(Service.class);
  private final HttpClient client;

  public Upstreams(GatewayConfig config, Vertx vertx) {
    for (Service service : Service.values()) {
      URI base = service.baseUrl(config);
      boolean ssl = "https".equalsIgnoreCase(base.getScheme());
      targets.put(
          service,
          new Target(
              base.getHost(),
              base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80,
              ssl,
              config.timeouts().connect().toMillis(),
              service.timeout(config).toMillis()));
    }
    this.client =
        vertx.createHttpClient(
            new HttpClientOptions()
                .setConnectTimeout((int) config.timeouts().connect().toMillis())
                .setKeepAlive(true)
                .setMaxPoolSize(100)
                // Bodies pass through as they are: no decompression, no re-encoding.
                .setDecompressionSupported(false));
  }

  /** A request to {@code service} for {@code uri}; fails with {@link UnreachableService}. */
  public Future<HttpClientRequest> request(Service service, HttpMethod method, String uri) {
    Target target = targets.get(service);
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setHost(target.host())
            .setPort(target.port())
            .setSsl(target.ssl())
            .setURI(uri)
            .setConnectTimeout(target.connectMillis())
            .setIdleTimeout(target.idleMillis());
    return client
        .request(options)
        .recover(e -> Future.failedFuture(new UnreachableService(service, e)));
  }

  void close(@Observes ShutdownEvent event) {
    client.close();
  }

  /** The service could not be connected to (refused, unresolvable, or no answer to connect). */
  public static final class UnreachableService extends RuntimeException {
    public UnreachableService(Service service, Throwable cause) {
      super(service.key() + " cannot be reached: " + cause.getMessage(), cause);
    }
  }
}
