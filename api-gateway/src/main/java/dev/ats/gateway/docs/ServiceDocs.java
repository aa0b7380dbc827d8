package dev.ats.gateway.docs;

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

  public ServiceDocs(Upstreams upstreams) {
    this.upstreams = upstreams;
  }

  void register(@Observes Router router) {
    router.get("/openapi/:service").handler(this::serve);
  }

  private void serve(RoutingContext rc) {
    String requestId = VertxRequestIds.assign(rc);
    Optional<Service> service = Service.named(rc.pathParam("service"));
    if (service.isEmpty()) {
      Problems.notFound(rc);
      return;
    }
    upstreams
        .request(service.get(), HttpMethod.GET, "/q/openapi?format=json")
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
                        new IllegalStateException("answered " + response.statusCode())))
        .map(body -> throughGateway(new JsonObject(body)))
        .onSuccess(
            doc ->
                rc.response()
                    .putHeader("Content-Type", "application/json")
                    .putHeader("Cache-Control", "no-cache")
                    .end(doc.toBuffer()))
        .onFailure(
            e -> {
              LOG.warnf("no OpenAPI document from %s: %s", service.get().key(), e.getMessage());
              Problems.badGateway(
                  rc, "The " + service.get().key() + " service did not give its API description");
            });
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
