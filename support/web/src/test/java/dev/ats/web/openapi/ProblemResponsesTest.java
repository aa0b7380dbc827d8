package dev.ats.web.openapi;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.web.error.Problem;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.junit.jupiter.api.Test;

class ProblemResponsesTest {

  private final ProblemResponses filter = new ProblemResponses();

  @Test
  void shouldDocumentAnErrorResponseWithoutABodyAsAProblem() {
    Operation operation =
        OASFactory.createOperation()
            .responses(
                OASFactory.createAPIResponses()
                    .addAPIResponse(
                        "404", OASFactory.createAPIResponse().description("No such role")));

    filter.filterOperation(operation);

    Content content = operation.getResponses().getAPIResponse("404").getContent();
    assertThat(content.getMediaTypes()).containsOnlyKeys(Problem.MEDIA_TYPE);
    assertThat(content.getMediaType(Problem.MEDIA_TYPE).getSchema().getRef())
        .isEqualTo("#/components/schemas/Problem");
  }

  @Test
  void shouldLeaveSuccessResponsesReferencesAndOwnBodiesAlone() {
    Content own =
        OASFactory.createContent()
            .addMediaType(Problem.MEDIA_TYPE, OASFactory.createMediaType().example("{}"));
    Operation operation =
        OASFactory.createOperation()
            .responses(
                OASFactory.createAPIResponses()
                    .addAPIResponse("200", OASFactory.createAPIResponse().description("The role"))
                    .addAPIResponse(
                        "401", OASFactory.createAPIResponse().ref("#/components/responses/X"))
                    .addAPIResponse("409", OASFactory.createAPIResponse().content(own)));

    filter.filterOperation(operation);

    assertThat(operation.getResponses().getAPIResponse("200").getContent()).isNull();
    assertThat(operation.getResponses().getAPIResponse("401").getContent()).isNull();
    assertThat(operation.getResponses().getAPIResponse("409").getContent()).isSameAs(own);
  }

  @Test
  void shouldAddTheProblemSchemaOnlyWhereNoOperationNamedTheClass() {
    OpenAPI empty = OASFactory.createOpenAPI();
    filter.filterOpenAPI(empty);
    assertThat(empty.getComponents().getSchemas().get("Problem").getProperties())
        .containsKeys("type", "title", "status", "detail", "instance", "requestId", "violations");

    OpenAPI scanned =
        OASFactory.createOpenAPI()
            .components(
                OASFactory.createComponents()
                    .addSchema("Problem", OASFactory.createSchema().description("scanned")));
    filter.filterOpenAPI(scanned);
    assertThat(scanned.getComponents().getSchemas().get("Problem").getDescription())
        .isEqualTo("scanned");
  }
}
