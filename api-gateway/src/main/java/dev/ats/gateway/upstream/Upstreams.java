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

/**
 * One pooled HTTP client for the services, with the connect timeout shared by every route and a
 * per-route idle timeout: a service that sends nothing for that long is given up on.
 */
@ApplicationScoped
public class Upstreams {

  private final GatewayConfig config;
  private final HttpClient client;

  public Upstreams(GatewayConfig config, Vertx vertx) {
    this.config = config;
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
    URI base = service.baseUrl(config);
    boolean ssl = "https".equalsIgnoreCase(base.getScheme());
    int port = base.getPort() > 0 ? base.getPort() : ssl ? 443 : 80;
    RequestOptions options =
        new RequestOptions()
            .setMethod(method)
            .setHost(base.getHost())
            .setPort(port)
            .setSsl(ssl)
            .setURI(uri)
            .setConnectTimeout(config.timeouts().connect().toMillis())
            .setIdleTimeout(service.timeout(config).toMillis());
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
