package dev.ats.applications;

import static io.restassured.RestAssured.given;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiTest {

  @Test
  void shouldDescribeEveryEndpointWithTheBearerSchemeAndExamples() {
    given()
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("components.securitySchemes.bearer.type", equalTo("http"))
        .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
        .body("paths", hasKey("/api/v1/applications"))
        .body("paths", hasKey("/api/v1/applications/{id}"))
        .body("paths", hasKey("/api/v1/applications/{id}/history"))
        .body("paths", hasKey("/api/v1/applications/{id}/transitions"))
        .body("paths", hasKey("/api/v1/applications/{id}/withdraw"))
        .body("paths", hasKey("/api/v1/applications/{id}/notes"))
        .body("paths", hasKey("/api/v1/applications/{id}/evaluations"))
        .body("paths", hasKey("/api/v1/candidates/{id}"))
        .body(
            "paths.'/api/v1/applications'.post.requestBody.content.'application/json'.examples.eligible.value",
            notNullValue())
        .body("paths.'/api/v1/applications'.get.security[0]", hasKey("bearer"))
        .body(
            "paths.'/api/v1/applications'.post.parameters.find { it.name == 'Idempotency-Key' }.in",
            equalTo("header"))
        .body(
            "components.schemas.CandidateDetails.properties.email.examples[0]",
            equalTo("ada@example.com"));
  }

  @Test
  void shouldDocumentEveryErrorAnswerAsAProblem() {
    given()
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(
            "paths.'/api/v1/applications'.post.responses.'409'.content.'application/problem+json'.schema.$ref",
            equalTo("#/components/schemas/Problem"))
        .body(
            "paths.'/api/v1/candidates/{id}'.delete.responses.'404'.content.'application/problem+json'.schema.$ref",
            equalTo("#/components/schemas/Problem"))
        .body("components.schemas.Problem.properties", hasKey("violations"));
  }

  @Test
  void shouldDescribeTheScreeningOperationsWithTheirIdsAndCsv() {
    given()
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body(
            "paths.'/api/v1/applications/bulk-transitions'.post.operationId",
            equalTo("bulkTransitionApplications"))
        .body(
            "paths.'/api/v1/applications/bulk-transitions'.post.parameters.find { it.name =="
                + " 'Idempotency-Key' }.in",
            equalTo("header"))
        .body(
            "paths.'/api/v1/applications/bulk-transitions'.post.responses.'200'.content.'application/json'.schema.$ref",
            equalTo("#/components/schemas/BulkTransitionResult"))
        .body("paths.'/api/v1/roles/{roleId}/pipeline'.get.operationId", equalTo("getRolePipeline"))
        .body("paths.'/api/v1/reports/funnel'.get.operationId", equalTo("getFunnelReport"))
        .body(
            "paths.'/api/v1/reports/time-to-hire'.get.operationId", equalTo("getTimeToHireReport"))
        .body("paths.'/api/v1/reports/sources'.get.operationId", equalTo("getSourcesReport"))
        .body("paths.'/api/v1/reports/respond-by'.get.operationId", equalTo("getRespondByReport"))
        .body("paths.'/api/v1/reports/funnel'.get.responses.'200'.content", hasKey("text/csv"))
        .body(
            "paths.'/api/v1/reports/respond-by'.get.responses.'200'.content.'application/json'.schema.$ref",
            equalTo("#/components/schemas/RespondByReport"))
        .body("components.schemas", hasKey("BulkTransitionItemResult"))
        .body("components.schemas", hasKey("FunnelStage"));
  }
}
