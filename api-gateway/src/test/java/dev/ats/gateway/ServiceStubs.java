package dev.ats.gateway;

import io.quarkus.test.common.QuarkusTestResourceLifecycleManager;
import io.vertx.core.Promise;
import io.vertx.core.Vertx;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpServer;
import io.vertx.core.http.HttpServerRequest;
import io.vertx.core.json.JsonObject;
import java.io.IOException;
import java.net.ServerSocket;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * Real HTTP servers standing in for roles-, applications- and notifications-service, on free ports,
 * once per test JVM. Each records what reached it and answers with it, so a test can see exactly
 * what the gateway forwarded. Special paths: {@code .../large} streams 20 MB, {@code .../drip}
 * sends part of its body and the rest on {@link #releaseDrip()}, {@code .../slow} never answers,
 * {@code .../etag} answers 304 to an {@code If-None-Match} naming its {@link #ETAG}, {@code
 * ?status=N} answers with status N, {@code /q/openapi} serves a document.
 */
public class ServiceStubs implements QuarkusTestResourceLifecycleManager {

  public static final List<String> NAMES = List.of("roles", "applications", "notifications");

  /** The web front end's stub: the pages' routes, outside the API (no OpenAPI document). */
  public static final String WEB = "web";

  public static final int LARGE_BYTES = 20 * 1024 * 1024;
  public static final String ETAG = "\"1\"";

  /** The description in every stub's OpenAPI document: any text, even a NUL, is the service's. */
  public static final String DOC_DESCRIPTION = "the service's own words, a NUL (\u0000) included";

  /** One request as the stub received it. */
  public record Received(
      String service, String method, String uri, Map<String, List<String>> headers, Buffer body) {

    public String header(String name) {
      for (var e : headers.entrySet()) {
        if (e.getKey().equalsIgnoreCase(name)) {
          return e.getValue().get(0);
        }
      }
      return null;
    }
  }

  private static Vertx vertx;
  private static final Map<String, Integer> PORTS = new ConcurrentHashMap<>();
  private static final Map<String, HttpServer> SERVERS = new ConcurrentHashMap<>();
  private static final List<Received> RECEIVED = new CopyOnWriteArrayList<>();
  private static volatile Promise<Void> dripRelease = Promise.promise();

  @Override
  public synchronized Map<String, String> start() {
    if (vertx == null) {
      vertx = Vertx.vertx();
      for (String name : NAMES) {
        PORTS.put(name, freePort());
        start(name);
      }
      PORTS.put(WEB, freePort());
      start(WEB);
    }
    Map<String, String> config = new LinkedHashMap<>();
    for (String name : NAMES) {
      config.put("ats.gateway.routes." + name, "http://127.0.0.1:" + PORTS.get(name));
      config.put("ats.gateway.timeouts." + name, "2s");
    }
    config.put("ats.gateway.routes." + WEB, "http://127.0.0.1:" + PORTS.get(WEB));
    config.put("ats.gateway.timeouts.connect", "1s");
    return config;
  }

  @Override
  public void stop() {
    // The stubs live as long as the JVM, like the other test infrastructure.
  }

  public static int port(String name) {
    return PORTS.get(name);
  }

  /** Stops a stub: its port refuses connections until {@link #start(String)}. */
  public static void stop(String name) {
    HttpServer server = SERVERS.remove(name);
    if (server != null) {
      await(server.close().toCompletionStage().toCompletableFuture());
    }
  }

  public static void start(String name) {
    if (SERVERS.containsKey(name)) {
      return;
    }
    HttpServer server = vertx.createHttpServer().requestHandler(r -> handle(name, r));
    await(server.listen(PORTS.get(name), "127.0.0.1").toCompletionStage().toCompletableFuture());
    SERVERS.put(name, server);
  }

  /** Lets {@code .../drip} answers that are waiting send the rest of their body. */
  public static void releaseDrip() {
    Promise<Void> release = dripRelease;
    dripRelease = Promise.promise();
    release.tryComplete();
  }

  public static void clear() {
    RECEIVED.clear();
  }

  public static List<Received> received() {
    return List.copyOf(RECEIVED);
  }

  /** The requests that reached the stubs carrying this request id. */
  public static List<Received> receivedWithId(String requestId) {
    return RECEIVED.stream().filter(r -> requestId.equals(r.header("X-Request-Id"))).toList();
  }

  private static void handle(String service, HttpServerRequest request) {
    if (request.path().endsWith("/slow")) {
      // Never answers; only records that the request arrived.
      RECEIVED.add(new Received(service, request.method().name(), request.uri(), Map.of(), null));
      return;
    }
    if (request.path().equals("/q/openapi")) {
      request
          .response()
          .putHeader("Content-Type", "application/json")
          .end(
              new JsonObject()
                  .put("openapi", "3.1.0")
                  .put(
                      "info",
                      new JsonObject()
                          .put("title", service + "-service")
                          .put("description", DOC_DESCRIPTION))
                  .put("servers", List.of(Map.of("url", "http://localhost:1234")))
                  .put("paths", new JsonObject().put("/api/v1/" + service, new JsonObject()))
                  .encode());
      return;
    }
    if (request.path().endsWith("/etag")) {
      // A resource at version 1: 304 (no body) when the caller already has it.
      var response = request.response().putHeader("ETag", ETAG);
      if (ETAG.equals(request.getHeader("If-None-Match"))) {
        response.setStatusCode(304).end();
      } else {
        response.putHeader("Content-Type", "application/json").end("{\"version\":1}");
      }
      return;
    }
    if (request.path().endsWith("/large")) {
      streamLarge(request);
      return;
    }
    if (request.path().endsWith("/drip")) {
      // The first part now, the rest only when the test says so.
      var response = request.response().setChunked(true).putHeader("Content-Type", "text/plain");
      response.write("first part\n");
      dripRelease.future().onComplete(v -> response.end("the rest\n"));
      return;
    }
    request
        .body()
        .onSuccess(
            body -> {
              Map<String, List<String>> headers = new LinkedHashMap<>();
              request
                  .headers()
                  .forEach(
                      h ->
                          headers
                              .computeIfAbsent(h.getKey(), k -> new CopyOnWriteArrayList<>())
                              .add(h.getValue()));
              RECEIVED.add(
                  new Received(service, request.method().name(), request.uri(), headers, body));
              String status = request.getParam("status");
              JsonObject echo =
                  new JsonObject()
                      .put("service", service)
                      .put("method", request.method().name())
                      .put("uri", request.uri())
                      .put("bodyLength", body.length());
              request
                  .response()
                  .setStatusCode(status == null ? 200 : Integer.parseInt(status))
                  .putHeader("Content-Type", "application/json")
                  .putHeader("X-Stub", service)
                  .putHeader("X-Request-Id", "the-service-echoes-its-own")
                  // Hop-by-hop headers a service could send, which must not reach the caller.
                  .putHeader("Keep-Alive", "timeout=5")
                  .putHeader("Connection", "X-Stub-Hop")
                  .putHeader("X-Stub-Hop", "private")
                  .end(echo.encode());
            });
  }

  private static void streamLarge(HttpServerRequest request) {
    var response =
        request.response().setChunked(true).putHeader("Content-Type", "application/octet-stream");
    Buffer chunk = Buffer.buffer(new byte[64 * 1024]);
    int[] sent = {0};
    Runnable[] pump = new Runnable[1];
    pump[0] =
        () -> {
          while (!response.writeQueueFull() && sent[0] < LARGE_BYTES) {
            response.write(chunk);
            sent[0] += chunk.length();
          }
          if (sent[0] >= LARGE_BYTES) {
            response.end();
          } else {
            response.drainHandler(v -> pump[0].run());
          }
        };
    pump[0].run();
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  private static <T> T await(java.util.concurrent.CompletableFuture<T> future) {
    try {
      return future.get(30, TimeUnit.SECONDS);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
