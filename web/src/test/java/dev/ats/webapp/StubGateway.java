package dev.ats.webapp;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A real HTTP server standing in for the gateway: it answers every call with an empty page of items
 * and records what web sent (path and headers), so a test can see which token and which visitor
 * address web called the API with.
 */
final class StubGateway {

  /** One call web made: its path (with query) and headers (lower-case names, first value). */
  record Call(String path, Map<String, String> headers) {
    String header(String name) {
      return headers.get(name.toLowerCase(java.util.Locale.ROOT));
    }
  }

  private static HttpServer server;
  private static final List<Call> CALLS = new CopyOnWriteArrayList<>();

  private StubGateway() {}

  static synchronized String start() {
    if (server == null) {
      try {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      server.createContext(
          "/",
          exchange -> {
            Map<String, String> headers = new java.util.HashMap<>();
            exchange
                .getRequestHeaders()
                .forEach((k, v) -> headers.put(k.toLowerCase(java.util.Locale.ROOT), v.get(0)));
            CALLS.add(new Call(exchange.getRequestURI().toString(), headers));
            exchange.getRequestBody().readAllBytes();
            byte[] body = "{\"items\":[]}".getBytes(StandardCharsets.UTF_8);
            exchange.getResponseHeaders().set("Content-Type", "application/json");
            exchange.sendResponseHeaders(200, body.length);
            exchange.getResponseBody().write(body);
            exchange.close();
          });
      server.start();
    }
    return "http://127.0.0.1:" + server.getAddress().getPort();
  }

  static List<Call> calls() {
    return List.copyOf(CALLS);
  }
}
