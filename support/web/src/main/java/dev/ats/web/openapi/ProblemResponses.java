package dev.ats.web.openapi;

import dev.ats.web.error.Problem;
import java.util.List;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.Operation;
import org.eclipse.microprofile.openapi.models.PathItem;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;
import org.eclipse.microprofile.openapi.models.responses.APIResponses;

/**
 * Every error answer of every service is an RFC 9457 problem, so the documents say it once, here
 * (called by {@link ApiDocument} for each operation):
 *
 * <ul>
 *   <li>the errors any operation of its kind can answer are added: {@code 400} (it has parameters
 *       or a body), {@code 401} (every operation: a bearer token that is invalid is refused even
 *       where anonymous callers are allowed), {@code 403} (it needs a token, so some tokens' groups
 *       are not enough), {@code 404} (its path names a resource), {@code 406} (it answers with a
 *       body), {@code 415} (it takes a body), {@code 500};
 *   <li>each 4xx and 5xx response without a body of its own (a resource declares what is specific
 *       to it: {@code @APIResponse(responseCode = "409", description = "…")}) gets {@code
 *       application/problem+json}: {@code ValidationProblem} for a 400, {@code Problem} otherwise.
 * </ul>
 *
 * Statuses only the gateway answers as problems are the gateway's to add: 429, 502, 503, 504, and
 * 413 (a service refuses a body over {@code quarkus.http.limits.max-body-size} before any of its
 * code runs, with an empty 413; the gateway, with the same limit, answers a problem first).
 */
public final class ProblemResponses {

  private ProblemResponses() {}

  static void document(String path, PathItem.HttpMethod method, Operation operation, OpenAPI api) {
    if (operation.getResponses() == null) {
      operation.setResponses(OASFactory.createAPIResponses());
    }
    APIResponses responses = operation.getResponses();
    boolean body = operation.getRequestBody() != null;
    boolean parameters =
        body
            || (operation.getParameters() != null && !operation.getParameters().isEmpty())
            || path.contains("{");
    boolean answersWithBody =
        responses.getAPIResponses() != null
            && responses.getAPIResponses().entrySet().stream()
                .anyMatch(
                    e ->
                        e.getKey().startsWith("2")
                            && ApiDocument.resolve(api, e.getValue()).getContent() != null);
    if (parameters) {
      add(responses, "400", "Invalid input: violations names each invalid field");
    }
    add(
        responses,
        "401",
        ApiDocument.anonymous(operation)
            ? "The bearer token sent is invalid or expired (none at all is fine here)"
            : "No bearer token, or one that is invalid or expired");
    if (!ApiDocument.anonymous(operation)) {
      add(responses, "403", "The token's groups do not allow this");
    }
    if (path.contains("{")) {
      add(responses, "404", "Nothing you may see has this id");
    }
    if (answersWithBody) {
      add(responses, "406", "Accept names no media type this operation answers with");
    }
    if (body) {
      add(responses, "415", "Content-Type is not one this operation takes");
    }
    add(responses, "500", "A defect on our side; quote the requestId when reporting it");
    if (method == PathItem.HttpMethod.GET) {
      notModified(responses, api);
    }
    responses
        .getAPIResponses()
        .forEach(
            (status, response) -> {
              if (isError(status) && response.getRef() == null && isEmpty(response)) {
                response.setContent(
                    OASFactory.createContent()
                        .addMediaType(
                            Problem.MEDIA_TYPE,
                            OASFactory.createMediaType()
                                .schema(
                                    OASFactory.createSchema()
                                        .ref(
                                            ProblemSchemas.ref(
                                                status.equals("400")
                                                    ? ProblemSchemas.VALIDATION
                                                    : ProblemSchemas.PROBLEM)))));
              }
            });
  }

  /** A GET whose 200 carries an ETag answers 304 to an If-None-Match naming it. */
  private static void notModified(APIResponses responses, OpenAPI api) {
    APIResponse ok = responses.getAPIResponse("200");
    if (ok == null || responses.hasAPIResponse("304")) {
      return;
    }
    APIResponse resolved = ApiDocument.resolve(api, ok);
    if (resolved.getHeaders() == null || !resolved.getHeaders().containsKey("ETag")) {
      return;
    }
    Header etag =
        OASFactory.createHeader()
            .description("The same ETag")
            .schema(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)));
    responses.addAPIResponse(
        "304",
        OASFactory.createAPIResponse()
            .description("Not modified: If-None-Match names the current ETag; no body")
            .addHeader("ETag", etag));
  }

  private static void add(APIResponses responses, String status, String description) {
    if (!responses.hasAPIResponse(status)) {
      responses.addAPIResponse(status, OASFactory.createAPIResponse().description(description));
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
}
