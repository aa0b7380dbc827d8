package dev.ats.gateway;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.containsString;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** One place for the whole API: each service's OpenAPI through the gateway, in one Swagger UI. */
@QuarkusTest
class ServiceDocsTest {

  @ParameterizedTest
  @ValueSource(strings = {"roles", "applications", "notifications"})
  void shouldServeEachServicesOpenApiPointingAtTheGatewayWithTheBearerScheme(String service) {
    given()
        .get("/openapi/" + service)
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("info.title", equalTo(service + "-service"))
        .body("info.description", equalTo(ServiceStubs.DOC_DESCRIPTION))
        .body("paths", hasKey("/api/v1/" + service))
        .body("servers[0].url", equalTo("/"))
        .body("components.securitySchemes.bearer.type", equalTo("http"))
        .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
        .body("components.securitySchemes.bearer.bearerFormat", equalTo("JWT"))
        .body("security[0]", hasKey("bearer"));
  }

  @ParameterizedTest
  @ValueSource(strings = {"/openapi", "/q/openapi"})
  void shouldServeTheServicesDocumentsMergedIntoOne(String path) {
    given()
        .get(path)
        .then()
        .statusCode(200)
        .contentType("application/json")
        .body("info.title", equalTo("ATS API"))
        .body("paths", hasKey("/api/v1/roles"))
        .body("paths", hasKey("/api/v1/applications"))
        .body("paths", hasKey("/api/v1/notifications"))
        .body("servers.size()", equalTo(1))
        .body("servers[0].url", equalTo("/"))
        .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
        .body("components.securitySchemes.applicationToken.name", equalTo("X-Application-Token"))
        .body("components.schemas", hasKey("Problem"));
  }

  @Test
  void shouldAnswer502ProblemWhenOneServiceCannotGiveItsPartOfTheMergedDocument() {
    ServiceStubs.stop("roles");
    try {
      given()
          .config(Fixtures.patience(10))
          .get("/openapi")
          .then()
          .spec(Fixtures.problem(502, "bad-gateway", "Bad Gateway"));
    } finally {
      ServiceStubs.start("roles");
    }
  }

  @Test
  void shouldListEveryServiceInSwaggerUi() {
    given()
        .get("/q/swagger-ui/")
        .then()
        .statusCode(200)
        .body(containsString("\"/openapi\""))
        .body(containsString("/openapi/roles"))
        .body(containsString("/openapi/applications"))
        .body(containsString("/openapi/notifications"));
  }

  @Test
  void shouldAnswer404ProblemForAnUnknownService() {
    given()
        .get("/openapi/payroll")
        .then()
        .spec(Fixtures.problem(404, "not-found", "Not Found"))
        .body("instance", equalTo("/openapi/payroll"));
  }

  @Test
  void shouldAnswer502ProblemWhenAServiceCannotGiveItsDocument() {
    ServiceStubs.stop("notifications");
    try {
      given()
          .config(Fixtures.patience(10))
          .get("/openapi/notifications")
          .then()
          .spec(Fixtures.problem(502, "bad-gateway", "Bad Gateway"))
          .body("detail", equalTo("The notifications service did not give its API description"));
    } finally {
      ServiceStubs.start("notifications");
    }
  }
}
