package dev.ats.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.web.error.Problem;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.junit.jupiter.api.Test;

class ApiDocumentTest {

  private final ApiDocument filter = new ApiDocument();

  @Test
  void shouldDocumentTheErrorsEveryOperationOfItsKindCanAnswerAsProblems() {
    Operation create =
        OASFactory.createOperation()
            .requestBody(OASFactory.createRequestBody().content(json(ref("Thing"))))
            .responses(
                OASFactory.createAPIResponses()
                    .addAPIResponse(
                        "201", OASFactory.createAPIResponse().content(json(ref("Thing"))))
                    .addAPIResponse(
                        "409", OASFactory.createAPIResponse().description("Already there")));
    Operation read =
        OASFactory.createOperation()
            .security(List.of(OASFactory.createSecurityRequirement(), bearer()))
            .responses(
                OASFactory.createAPIResponses()
                    .addAPIResponse(
                        "200",
                        OASFactory.createAPIResponse()
                            .content(json(ref("Thing")))
                            .addHeader("ETag", OASFactory.createHeader())));
    OpenAPI api = document(Map.of("/things", create, "/things/{id}", read));

    filter.filterOpenAPI(api);

    assertThat(create.getResponses().getAPIResponses())
        .containsKeys("201", "400", "401", "403", "406", "409", "415", "500")
        .doesNotContainKey("404");
    assertThat(schemaRef(create, "400")).isEqualTo("#/components/schemas/ValidationProblem");
    assertThat(schemaRef(create, "409")).isEqualTo("#/components/schemas/Problem");
    assertThat(create.getSecurity()).hasSize(1);
    assertThat(create.getSecurity().get(0).getSchemes()).containsOnlyKeys("bearer");
    assertThat(read.getResponses().getAPIResponses())
        .as("open to anonymous callers: no 403; a path id: 404; an ETag: 304")
        .containsKeys("200", "304", "400", "401", "404", "500")
        .doesNotContainKey("403");
    assertThat(api.getComponents().getSchemas())
        .containsKeys("Problem", "ValidationProblem", "Violation")
        .doesNotContainKey("IllegalTransitionProblem");
    assertThat(api.getComponents().getSecuritySchemes())
        .containsOnlyKeys("bearer", "applicationToken");
  }

  @Test
  void shouldNamePagesAfterTheirItemsAndInlineJavaScalars() {
    Schema page =
        OASFactory.createSchema()
            .type(List.of(Schema.SchemaType.OBJECT))
            .addProperty(
                "items",
                OASFactory.createSchema()
                    .type(List.of(Schema.SchemaType.ARRAY))
                    .items(ref("Thing")))
            .addProperty("nextCursor", OASFactory.createSchema());
    Schema thing =
        OASFactory.createSchema()
            .type(List.of(Schema.SchemaType.OBJECT))
            .addProperty("id", ref("UUID"));
    Operation list =
        OASFactory.createOperation()
            .responses(
                OASFactory.createAPIResponses()
                    .addAPIResponse(
                        "200", OASFactory.createAPIResponse().content(json(ref("PageThingView")))));
    OpenAPI api = document(Map.of("/things", list));
    api.getComponents()
        .addSchema("PageThingView", page)
        .addSchema("Thing", thing)
        .addSchema("JsonNode", OASFactory.createSchema().type(List.of(Schema.SchemaType.OBJECT)))
        .addSchema(
            "UUID",
            OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).format("uuid"));

    filter.filterOpenAPI(api);

    assertThat(api.getComponents().getSchemas())
        .containsKeys("ThingPage", "Thing")
        .doesNotContainKeys("PageThingView", "UUID", "JsonNode");
    assertThat(
            list.getResponses()
                .getAPIResponse("200")
                .getContent()
                .getMediaType("application/json")
                .getSchema()
                .getRef())
        .isEqualTo("#/components/schemas/ThingPage");
    assertThat(page.getProperties().get("nextCursor").getType())
        .containsExactly(Schema.SchemaType.STRING, Schema.SchemaType.NULL);
    assertThat(thing.getProperties().get("id").getFormat()).isEqualTo("uuid");
    assertThat(thing.getRequired()).as("only responses use it: all present").containsExactly("id");
  }

  @Test
  void shouldGiveEvery400AnEmptyViolationsListAtLeast() {
    assertThat(new Problem(null, "Bad", 400, "x", null, null, null, Map.of()).violations())
        .isEmpty();
    assertThat(new Problem(null, "No", 404, "x", null, null, null, Map.of()).violations()).isNull();
  }

  private static OpenAPI document(Map<String, Operation> operations) {
    OpenAPI api =
        OASFactory.createOpenAPI()
            .paths(OASFactory.createPaths())
            .components(OASFactory.createComponents());
    operations.forEach(
        (path, operation) ->
            api.getPaths()
                .addPathItem(
                    path,
                    path.equals("/things") && operation.getRequestBody() != null
                        ? OASFactory.createPathItem().POST(operation)
                        : OASFactory.createPathItem().GET(operation)));
    return api;
  }

  private static Schema ref(String name) {
    return OASFactory.createSchema().ref("#/components/schemas/" + name);
  }

  private static Content json(Schema schema) {
    return OASFactory.createContent()
        .addMediaType("application/json", OASFactory.createMediaType().schema(schema));
  }

  private static org.eclipse.microprofile.openapi.models.security.SecurityRequirement bearer() {
    return OASFactory.createSecurityRequirement().addScheme("bearer");
  }

  private static String schemaRef(Operation operation, String status) {
    return operation
        .getResponses()
        .getAPIResponse(status)
        .getContent()
        .getMediaType(Problem.MEDIA_TYPE)
        .getSchema()
        .getRef();
  }
}
