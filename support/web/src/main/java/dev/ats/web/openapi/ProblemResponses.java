package dev.ats.web.openapi;

import dev.ats.web.error.Problem;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.OASFilter;
import org.eclipse.microprofile.openapi.models.Components;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/**
 * Every error answer of every service is an RFC 9457 problem, so the OpenAPI documents say it once,
 * here: each 4xx and 5xx response an operation declares without a body of its own (just
 * {@code @APIResponse(responseCode = "404", description = "…")}) gets {@code
 * application/problem+json} with the {@code Problem} schema. Registered for every service with
 * {@code mp.openapi.filter} in ats-platform's defaults.
 */
public class ProblemResponses implements OASFilter {

  static final String SCHEMA = "Problem";
  private static final String REF = "#/components/schemas/" + SCHEMA;

  @Override
  public Operation filterOperation(Operation operation) {
    if (operation.getResponses() == null || operation.getResponses().getAPIResponses() == null) {
      return operation;
    }
    operation
        .getResponses()
        .getAPIResponses()
        .forEach(
            (status, response) -> {
              if (isError(status) && response.getRef() == null && isEmpty(response)) {
                response.setContent(
                    OASFactory.createContent()
                        .addMediaType(
                            Problem.MEDIA_TYPE,
                            OASFactory.createMediaType()
                                .schema(OASFactory.createSchema().ref(REF))));
              }
            });
    return operation;
  }

  @Override
  public void filterOpenAPI(OpenAPI openAPI) {
    Components components = openAPI.getComponents();
    if (components == null) {
      components = OASFactory.createComponents();
      openAPI.setComponents(components);
    }
    if (components.getSchemas() == null || !components.getSchemas().containsKey(SCHEMA)) {
      components.addSchema(SCHEMA, problemSchema());
    }
  }

  private static boolean isError(String status) {
    return status.startsWith("4") || status.startsWith("5");
  }

  private static boolean isEmpty(APIResponse response) {
    return response.getContent() == null
        || response.getContent().getMediaTypes() == null
        || response.getContent().getMediaTypes().isEmpty();
  }

  /** The shape of {@link Problem}, for documents where no operation names the class itself. */
  static Schema problemSchema() {
    Schema violation =
        OASFactory.createSchema()
            .type(List.of(Schema.SchemaType.OBJECT))
            .properties(
                Map.of(
                    "field", string("A JSON path, e.g. candidate.email"),
                    "message", string("What is wrong with it")));
    return OASFactory.createSchema()
        .description("RFC 9457 problem details")
        .type(List.of(Schema.SchemaType.OBJECT))
        .required(List.of("type", "title", "status"))
        .properties(
            Map.of(
                "type", string("A URI naming the kind of problem"),
                "title", string("A short summary of the kind of problem"),
                "status",
                    OASFactory.createSchema()
                        .type(List.of(Schema.SchemaType.INTEGER))
                        .format("int32")
                        .description("The HTTP status"),
                "detail", string("What went wrong this time"),
                "instance", string("The request path"),
                "requestId", string("The request id, also in the X-Request-Id response header"),
                "violations",
                    OASFactory.createSchema()
                        .type(List.of(Schema.SchemaType.ARRAY))
                        .description("What was wrong with which field, for validation errors")
                        .items(violation)));
  }

  private static Schema string(String description) {
    return OASFactory.createSchema()
        .type(List.of(Schema.SchemaType.STRING))
        .description(description);
  }
}
