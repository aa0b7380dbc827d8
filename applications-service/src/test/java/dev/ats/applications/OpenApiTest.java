package dev.ats.applications;

import static io.restassured.RestAssured.given;
import static org.assertj.core.api.Assertions.assertThat;
import static org.hamcrest.Matchers.equalTo;
import static org.hamcrest.Matchers.hasKey;
import static org.hamcrest.Matchers.notNullValue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ats.infra.test.ApiDocs;
import io.quarkus.test.junit.QuarkusTest;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

@QuarkusTest
class OpenApiTest {

  @Test
  void shouldDescribeEveryEndpointWithTheSecuritySchemesAndExamples() {
    given()
        .queryParam("format", "json")
        .get("/q/openapi")
        .then()
        .statusCode(200)
        .body("components.securitySchemes.bearer.type", equalTo("http"))
        .body("components.securitySchemes.bearer.scheme", equalTo("bearer"))
        .body("components.securitySchemes.applicationToken.in", equalTo("header"))
        .body("components.securitySchemes.applicationToken.name", equalTo("X-Application-Token"))
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
  void shouldDocumentEveryAnswerItGivesSoThatAClientCanBeGeneratedFromIt() throws Exception {
    String document =
        given().queryParam("format", "json").get("/q/openapi").then().extract().asString();
    Files.writeString(Path.of("target", "openapi.json"), document);
    JsonNode api = ApiDocs.parse(document);
    ApiDocs.assertTrustworthy(api);

    ApiDocs.assertStatuses(api, "listApplications", "200", "400", "401", "403", "500");
    ApiDocs.assertStatuses(api, "getApplication", "200", "304", "400", "401", "403", "404");
    ApiDocs.assertStatuses(
        api, "submitApplication", "201", "400", "401", "404", "409", "415", "422");
    ApiDocs.assertStatuses(
        api, "transitionApplication", "200", "400", "401", "403", "404", "409", "412", "428");
    ApiDocs.assertStatuses(api, "withdrawApplication", "200", "401", "403", "404", "409");
    ApiDocs.assertStatuses(api, "listApplicationHistory", "200", "400", "401", "403", "404");
    ApiDocs.assertStatuses(api, "addApplicationNote", "201", "400", "404", "415");
    ApiDocs.assertStatuses(api, "listApplicationNotes", "200", "404");
    ApiDocs.assertStatuses(api, "addApplicationEvaluation", "201", "400", "404", "415");
    ApiDocs.assertStatuses(api, "listApplicationEvaluations", "200", "404");
    ApiDocs.assertStatuses(api, "eraseCandidate", "204", "401", "403", "404");
    ApiDocs.assertStatuses(api, "uploadDocument", "201", "400", "413", "415", "503");
    ApiDocs.assertStatuses(api, "listApplicationDocuments", "200", "401", "403", "404");
    ApiDocs.assertStatuses(api, "downloadApplicationDocument", "200", "401", "403", "404", "503");
    assertThat(ApiDocs.operation(api, "uploadDocument").path("security").toString())
        .as("anonymous callers may upload")
        .contains("{}");
    assertThat(
            ApiDocs.operation(api, "uploadDocument")
                .at("/requestBody/content/multipart~1form-data/schema/properties/file/format")
                .asText())
        .isEqualTo("binary");
    assertThat(
            ApiDocs.operation(api, "uploadDocument")
                .at("/requestBody/content/multipart~1form-data/schema/properties")
                .fieldNames())
        .toIterable()
        .as("one part, file: nothing else for a generated client to send")
        .containsExactly("file");
    assertThat(
            ApiDocs.operation(api, "transitionApplication")
                .at("/responses/409/content/application~1problem+json/schema/$ref")
                .asText())
        .isEqualTo("#/components/schemas/IllegalTransitionProblem");
    assertThat(ApiDocs.operation(api, "submitApplication").path("security").toString())
        .as("anonymous callers may submit")
        .contains("{}");
    assertThat(ApiDocs.operation(api, "getApplication").path("security").toString())
        .contains("applicationToken")
        .contains("bearer");
    assertThat(ApiDocs.operation(api, "withdrawApplication").path("security").toString())
        .contains("applicationToken");

    JsonNode schemas = api.at("/components/schemas");
    assertThat(schemas.has("ApplicationPage")).isTrue();
    assertThat(
            schemas.at("/SubmitApplication/properties/answers/additionalProperties/$ref").asText())
        .isEqualTo("#/components/schemas/AnswerValue");
    assertThat(schemas.at("/Application/properties/answers/additionalProperties/$ref").asText())
        .isEqualTo("#/components/schemas/AnswerValue");
    assertThat(schemas.at("/AnswerValue/anyOf").size()).isEqualTo(3);
    for (String nullable :
        new String[] {
          "/Candidate/properties/phone", "/Candidate/properties/school",
          "/Candidate/properties/degree", "/Candidate/properties/graduationDate",
          "/Candidate/properties/links", "/Application/properties/rejectionReason",
          "/Application/properties/answers", "/StageChange/properties/from",
          "/StageChange/properties/reason", "/StageChange/properties/note",
          "/ApplicationPage/properties/nextCursor", "/Application/properties/match",
          "/SearchMatch/properties/snippet"
        }) {
      assertThat(schemas.at(nullable).toString()).as(nullable + " is nullable").contains("null");
    }
    assertThat(schemas.at("/Application/properties/match").toString()).contains("SearchMatch");
    assertThat(schemas.at("/SearchMatch/properties/rank/type").asText()).isEqualTo("number");
    assertThat(ApiDocs.operation(api, "listApplications").path("parameters").toString())
        .contains("websearch", "-word", "a phrase");
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
        .body(
            "paths.'/api/v1/applications/bulk-transitions'.post.responses.'422'.description",
            equalTo("Idempotency-Key reused with another body"))
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

  @Test
  void shouldDescribeADownloadAsBinaryInEveryTypeItCanBe() throws Exception {
    JsonNode download =
        ApiDocs.operation(
                ApiDocs.parse(given().queryParam("format", "json").get("/q/openapi").asString()),
                "downloadApplicationDocument")
            .at("/responses/200/content");
    assertThat(download.fieldNames())
        .toIterable()
        .contains(
            "application/pdf",
            "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
            "application/vnd.oasis.opendocument.text",
            "text/plain",
            "application/rtf");
    download.forEach(type -> assertThat(type.at("/schema/format").asText()).isEqualTo("binary"));
  }
}
