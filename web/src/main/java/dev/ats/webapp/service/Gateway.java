package dev.ats.webapp.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.web.http.RequestIds;
import dev.ats.webapp.config.WebConfig;
import io.quarkus.arc.Arc;
import io.quarkus.vertx.http.runtime.CurrentVertxRequest;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.StringJoiner;
import java.util.UUID;
import org.jboss.logging.Logger;
import org.jboss.logging.MDC;

/**
 * The public API, through the gateway only, as any frontend calls it: with the caller's bearer
 * token or application token, never one of its own. Every call names the visitor's address in
 * {@code X-Forwarded-For} (the gateway trusts it from web's address only, and counts anonymous
 * limits per visitor, not for web as a whole). Logs method and path only (never a query, header or
 * body: they carry tokens and personal data).
 */
@ApplicationScoped
public class Gateway {

  private static final Logger LOG = Logger.getLogger(Gateway.class);

  private final HttpClient http;
  private final WebConfig config;
  private final ObjectMapper json;

  private final CurrentVertxRequest current;

  public Gateway(WebConfig config, ObjectMapper json, CurrentVertxRequest current) {
    this.config = config;
    this.json = json;
    this.current = current;
    this.http =
        HttpClient.newBuilder()
            .connectTimeout(config.gatewayTimeout())
            .version(HttpClient.Version.HTTP_1_1)
            .build();
  }

  /** A call: method, path (with query), and what to send. */
  public static final class Call {
    private final String method;
    private final String path;
    private final Map<String, String> headers = new HashMap<>();
    private String body;
    private HttpRequest.BodyPublisher publisher;

    private Call(String method, String path) {
      this.method = method;
      this.path = path;
    }

    public static Call get(String path) {
      return new Call("GET", path);
    }

    public static Call post(String path) {
      return new Call("POST", path);
    }

    public Call bearer(String token) {
      if (token != null) {
        headers.put("Authorization", "Bearer " + token);
      }
      return this;
    }

    public Call header(String name, String value) {
      if (value != null) {
        headers.put(name, value);
      }
      return this;
    }

    public Call json(String body) {
      this.body = body;
      headers.put("Content-Type", "application/json");
      return this;
    }

    /**
     * A {@code multipart/form-data} body of one file part, streamed from {@code file} (the spooled
     * upload), never read into memory.
     */
    public Call multipartFile(String part, Path file, String fileName, String contentType)
        throws IOException {
      String boundary = "ats-web-" + UUID.randomUUID();
      String safeName = fileName == null ? "file" : fileName.replaceAll("[\"\\r\\n]", "_");
      String head =
          "--"
              + boundary
              + "\r\nContent-Disposition: form-data; name=\""
              + part
              + "\"; filename=\""
              + safeName
              + "\"\r\nContent-Type: "
              + (contentType == null || contentType.isBlank()
                  ? "application/octet-stream"
                  : contentType)
              + "\r\n\r\n";
      String tail = "\r\n--" + boundary + "--\r\n";
      this.publisher =
          HttpRequest.BodyPublishers.concat(
              HttpRequest.BodyPublishers.ofByteArray(head.getBytes(StandardCharsets.UTF_8)),
              HttpRequest.BodyPublishers.ofFile(file),
              HttpRequest.BodyPublishers.ofByteArray(tail.getBytes(StandardCharsets.UTF_8)));
      headers.put("Content-Type", "multipart/form-data; boundary=" + boundary);
      return this;
    }
  }

  /** {@code ?a=1&b=x} of the non-blank values, or an empty string. */
  public static String query(Map<String, String> params) {
    StringJoiner query = new StringJoiner("&", "?", "").setEmptyValue("");
    params.forEach(
        (k, v) -> {
          if (v != null && !v.isBlank()) {
            query.add(k + "=" + URLEncoder.encode(v, StandardCharsets.UTF_8));
          }
        });
    return query.toString();
  }

  public String toJson(Object value) {
    try {
      return json.writeValueAsString(value);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  public <T> T read(JsonNode node, Class<T> type) {
    return json.convertValue(node, type);
  }

  public ApiAnswer send(Call call) {
    HttpRequest.Builder request =
        request(call).header("Accept", "application/json, application/problem+json");
    request.method(
        call.method,
        call.publisher != null
            ? call.publisher
            : call.body == null
                ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(call.body));
    try {
      HttpResponse<byte[]> response =
          http.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
      Map<String, String> headers = headersOf(response);
      JsonNode body = ApiAnswer.empty();
      if (response.body().length > 0 && headers.getOrDefault("content-type", "").contains("json")) {
        body = json.readTree(response.body());
      }
      if (response.statusCode() >= 500) {
        LOG.warnf("%s %s -> %d", call.method, pathOnly(call.path), response.statusCode());
      }
      return new ApiAnswer(response.statusCode(), headers, body);
    } catch (IOException e) {
      LOG.warnf("%s %s failed: %s", call.method, pathOnly(call.path), e.getClass().getSimpleName());
      return ApiAnswer.failed(502, "The service is not available right now; try again soon.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return ApiAnswer.failed(503, "Interrupted");
    }
  }

  /** A file the API answered: status, its headers, and the bytes as a stream (close it). */
  public record Download(int status, Map<String, String> headers, java.io.InputStream body) {
    public boolean ok() {
      return status == 200;
    }

    public java.util.Optional<String> header(String name) {
      return java.util.Optional.ofNullable(headers.get(name.toLowerCase(Locale.ROOT)));
    }
  }

  /** A GET whose answer is streamed, not parsed (a document's bytes). */
  public Download download(Call call) {
    try {
      HttpResponse<java.io.InputStream> response =
          http.send(request(call).GET().build(), HttpResponse.BodyHandlers.ofInputStream());
      return new Download(response.statusCode(), headersOf(response), response.body());
    } catch (IOException e) {
      LOG.warnf("GET %s failed: %s", pathOnly(call.path), e.getClass().getSimpleName());
      return new Download(502, Map.of(), java.io.InputStream.nullInputStream());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return new Download(503, Map.of(), java.io.InputStream.nullInputStream());
    }
  }

  /** The request to the gateway: its URL, timeout, the call's headers and the request id. */
  private HttpRequest.Builder request(Call call) {
    HttpRequest.Builder request =
        HttpRequest.newBuilder(URI.create(config.gatewayUrl().toString() + call.path))
            .timeout(config.gatewayTimeout());
    call.headers.forEach(request::header);
    Object requestId = MDC.get(RequestIds.MDC_KEY);
    if (requestId != null) {
      request.header(RequestIds.HEADER, requestId.toString());
    }
    visitorAddress().ifPresent(address -> request.header("X-Forwarded-For", address));
    return request;
  }

  /**
   * The address of the visitor this call is made for: the peer of the page request, which Quarkus
   * has already taken from the gateway's {@code X-Forwarded-For} when the peer is a trusted proxy
   * ({@code quarkus.http.proxy.trusted-proxies}: loopback, or the pod network), and the peer itself
   * otherwise. Empty outside a page request.
   */
  private java.util.Optional<String> visitorAddress() {
    if (!Arc.container().requestContext().isActive()) {
      return java.util.Optional.empty();
    }
    RoutingContext rc = current.getCurrent();
    if (rc == null || rc.request().remoteAddress() == null) {
      return java.util.Optional.empty();
    }
    return java.util.Optional.ofNullable(rc.request().remoteAddress().hostAddress());
  }

  /** The answer's headers, lower-case names, the first value of each. */
  private static Map<String, String> headersOf(HttpResponse<?> response) {
    Map<String, String> headers = new HashMap<>();
    response
        .headers()
        .map()
        .forEach((k, v) -> headers.put(k.toLowerCase(Locale.ROOT), v.isEmpty() ? "" : v.get(0)));
    return headers;
  }

  private static String pathOnly(String path) {
    int q = path.indexOf('?');
    return q < 0 ? path : path.substring(0, q);
  }
}
