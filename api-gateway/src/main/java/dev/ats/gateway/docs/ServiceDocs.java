package dev.ats.gateway.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ats.gateway.http.Problems;
import dev.ats.gateway.http.VertxRequestIds;
import dev.ats.gateway.upstream.Service;
import dev.ats.gateway.upstream.Upstreams;
import dev.ats.web.http.RequestIds;
import io.vertx.core.Future;
import io.vertx.core.buffer.Buffer;
import io.vertx.core.http.HttpMethod;
import io.vertx.core.json.JsonArray;
import io.vertx.core.json.JsonObject;
import io.vertx.ext.web.Router;
import io.vertx.ext.web.RoutingContext;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jboss.logging.Logger;

/**
 * {@code GET /openapi/{roles|applications|notifications}}: each service's OpenAPI document, fetched
 * from its {@code /q/openapi} and adjusted for callers of the gateway (server = the gateway, bearer
 * scheme declared). Swagger UI at {@code /q/swagger-ui} lists the three (quarkus.swagger-ui.urls).
 */
@ApplicationScoped
public class ServiceDocs {

  private static final Logger LOG = Logger.getLogger(ServiceDocs.class);
  static final String SCHEME = "bearer";

  private final Upstreams upstreams;
  private final ObjectMapper mapper;

  public ServiceDocs(Upstreams upstreams, ObjectMapper mapper) {
    this.upstreams = upstreams;
    this.mapper = mapper;
  }

  void register(@Observes Router router) {
    router.get("/openapi").handler(this::serveMerged);
    // Quarkus' own /q/openapi would describe the gateway's JAX-RS resources, of which it has none:
    // the API's document is the merged one, at either address (first on the router, so it wins).
    router.get("/q/openapi").order(Integer.MIN_VALUE).handler(this::serveMerged);
    router.get("/openapi/:service").handler(this::serve);
  }

  private void serve(RoutingContext rc) {
    String requestId = VertxRequestIds.assign(rc);
    Optional<Service> service = Service.named(rc.pathParam("service"));
    if (service.isEmpty()) {
      Problems.notFound(rc);
      return;
    }
    fetch(service.get(), requestId)
        .map(body -> throughGateway(new JsonObject(body)).toBuffer())
        .onSuccess(doc -> answer(rc, doc))
        .onFailure(
            e -> {
              LOG.warnf("no OpenAPI document from %s: %s", service.get().key(), e.getMessage());
              Problems.badGateway(
                  rc, "The " + service.get().key() + " service did not give its API description");
            });
  }

  /** {@code GET /openapi}: the three documents as one ({@link OpenApiMerge}). */
  private void serveMerged(RoutingContext rc) {
    String requestId = VertxRequestIds.assign(rc);
    List<Service> services = Service.apis();
    List<Future<Buffer>> bodies = services.stream().map(s -> fetch(s, requestId)).toList();
    Future.all(bodies)
        .map(
            all -> {
              Map<String, JsonNode> documents = new LinkedHashMap<>();
              for (int i = 0; i < services.size(); i++) {
                documents.put(services.get(i).key(), read(bodies.get(i).result()));
              }
              return Buffer.buffer(write(OpenApiMerge.merge(documents)));
            })
        .onSuccess(doc -> answer(rc, doc))
        .onFailure(
            e -> {
              LOG.warnf("no merged OpenAPI document: %s", e.getMessage());
              Problems.badGateway(
                  rc, "The services did not give one API description: " + e.getMessage());
            });
  }

  private Future<Buffer> fetch(Service service, String requestId) {
    return upstreams
        .request(service, HttpMethod.GET, "/q/openapi?format=json")
        .compose(
            request ->
                request
                    .putHeader("Accept", "application/json")
                    .putHeader(RequestIds.HEADER, requestId)
                    .send())
        .compose(
            response ->
                response.statusCode() == 200
                    ? response.body()
                    : Future.<Buffer>failedFuture(
                        new IllegalStateException(
                            service.key() + " answered " + response.statusCode())));
  }

  private static void answer(RoutingContext rc, Buffer doc) {
    rc.response()
        .putHeader("Content-Type", "application/json")
        .putHeader("Cache-Control", "no-cache")
        .end(doc);
  }

  private JsonNode read(Buffer body) {
    try {
      return mapper.readTree(body.getBytes());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private byte[] write(JsonNode doc) {
    try {
      return mapper.writeValueAsBytes(doc);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Points "Try it out" at the gateway (same origin as Swagger UI) and declares the bearer scheme,
   * unless the service declared its own; operations without their own requirement accept a token or
   * none, and the gateway and service decide.
   */
  static JsonObject throughGateway(JsonObject doc) {
    doc.put(
        "servers",
        new JsonArray()
            .add(new JsonObject().put("url", "/").put("description", "through the api-gateway")));
    JsonObject components = doc.getJsonObject("components");
    if (components == null) {
      components = new JsonObject();
      doc.put("components", components);
    }
    JsonObject schemes = components.getJsonObject("securitySchemes");
    if (schemes == null) {
      schemes = new JsonObject();
      components.put("securitySchemes", schemes);
    }
    if (schemes.isEmpty()) {
      schemes.put(
          SCHEME,
          new JsonObject()
              .put("type", "http")
              .put("scheme", "bearer")
              .put("bearerFormat", "JWT")
              .put(
                  "description",
                  "RS256 JWT with the caller's groups (recruiter, hiring-manager, integration);"
                      + " locally: ./ats token recruiter"));
    }
    if (!doc.containsKey("security")) {
      String name = schemes.fieldNames().iterator().next();
      doc.put(
          "security",
          new JsonArray().add(new JsonObject().put(name, new JsonArray())).add(new JsonObject()));
    }
    return doc;
  }
}
