package dev.ats.roles;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ats.infra.test.ApiDocs;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The OpenAPI document describes every endpoint, with examples, the two security schemes and every
 * answer it can give (ApiDocs: the rules every service's document keeps).
 */
@QuarkusTest
class OpenApiTest {

  private static final Map<String, List<String>> OPERATIONS =
      Map.of(
          "/api/v1/roles", List.of("get", "post"),
          "/api/v1/roles/{id}", List.of("get", "patch"),
          "/api/v1/roles/{id}/open", List.of("post"),
          "/api/v1/roles/{id}/close", List.of("post"),
          "/api/v1/roles/{id}/reopen", List.of("post"),
          "/api/v1/roles/{id}/unplaced-hires", List.of("get"));

  @Test
  void shouldDocumentEveryOperationWithExamplesAndBearerSecurity() throws Exception {
    String document =
        given()
            .queryParam("format", "json")
            .get("/q/openapi")
            .then()
            .statusCode(200)
            .extract()
            .asString();
    Files.writeString(Path.of("target", "openapi.json"), document);
    JsonNode api = ApiDocs.parse(document);
    ApiDocs.assertTrustworthy(api);

    JsonNode bearer = api.at("/components/securitySchemes/bearer");
    assertThat(bearer.path("type").asText()).isEqualTo("http");
    assertThat(bearer.path("scheme").asText()).isEqualTo("bearer");
    assertThat(api.at("/paths/~1api~1v1~1roles/get/security").toString())
        .as("listing works without a token too")
        .contains("{}");
    assertThat(api.at("/paths/~1api~1v1~1roles~1{id}/get/security").toString())
        .as("reading one works without a token too")
        .contains("{}");
    assertThat(api.at("/paths/~1api~1v1~1roles/post/security").toString())
        .as("writes need the bearer token")
        .isEqualTo("[{\"bearer\":[]}]");

    OPERATIONS.forEach(
        (path, methods) -> {
          for (String method : methods) {
            JsonNode operation = api.path("paths").path(path).path(method);
            String where = method.toUpperCase() + " " + path;
            assertThat(operation.isMissingNode()).as(where).isFalse();
            assertThat(operation.path("summary").asText()).as(where + " summary").isNotBlank();
            JsonNode ok =
                resolved(
                    api,
                    operation
                        .path("responses")
                        .path(
                            method.equals("post") && path.equals("/api/v1/roles") ? "201" : "200"));
            assertThat(ok.findValues("examples")).as(where + " response examples").isNotEmpty();
            assertThat(operation.path("security").toString())
                .as(where + " security")
                .contains("bearer");
            if (!method.equals("get") && !path.endsWith("/open")) {
              assertThat(operation.path("requestBody").findValues("examples"))
                  .as(where + " request examples")
                  .isNotEmpty();
            }
          }
        });
    assertThat(
            api.at("/paths/~1api~1v1~1roles~1{id}/patch/requestBody/content")
                .has("application/merge-patch+json"))
        .isTrue();
    ApiDocs.assertStatuses(api, "listRoles", "200", "400", "401", "500");
    ApiDocs.assertStatuses(api, "getRole", "200", "304", "400", "401", "404", "500");
    ApiDocs.assertStatuses(api, "createRole", "201", "400", "401", "403", "415", "500");
    ApiDocs.assertStatuses(
        api, "updateRole", "200", "400", "401", "403", "404", "409", "412", "415", "428");
    for (String action : List.of("openRole", "closeRole", "reopenRole")) {
      ApiDocs.assertStatuses(api, action, "200", "401", "403", "404", "409", "412");
      assertThat(
              ApiDocs.resolve(api, ApiDocs.operation(api, action).at("/responses/409"))
                  .at("/content/application~1problem+json/schema/$ref")
                  .asText())
          .isEqualTo("#/components/schemas/IllegalStatusChangeProblem");
    }
    ApiDocs.assertStatuses(api, "listUnplacedHires", "200", "400", "401", "403", "404");
    assertThat(api.at("/components/schemas/IllegalStatusChangeProblem").toString())
        .contains("allowedActions", "currentStatus");
    assertThat(api.at("/components/schemas/ValidationProblem").toString()).contains("violations");
    assertThat(api.at("/components/schemas/RolePage/properties/nextCursor/type").toString())
        .contains("null");
    assertThat(api.at("/components/schemas/EligibilityRule/properties/rule/description").asText())
        .as("the two views of a role are documented")
        .contains("Only recruiters, hiring managers and integrations");
    assertThat(api.at("/components/schemas/EligibilityRule/required").toString())
        .as("anyone else reads a rule without it, so a role's answer need not carry it")
        .doesNotContain("\"rule\"")
        .contains("\"question\"");
    assertThat(api.at("/components/responses/Role/headers").has("ETag"))
        .as("every role response carries the ETag")
        .isTrue();
    JsonNode unplacedHire = api.at("/components/schemas/UnplacedHire/properties");
    assertThat(unplacedHire.has("applicationId")).isTrue();
    assertThat(unplacedHire.has("reason")).isTrue();
    assertThat(unplacedHire.has("receivedAt")).isTrue();
  }

  /** {@code response}, or the component response its {@code $ref} names. */
  private static JsonNode resolved(JsonNode api, JsonNode response) {
    String ref = response.path("$ref").asText("");
    return ref.startsWith("#/") ? api.at(ref.substring(1)) : response;
  }
}
