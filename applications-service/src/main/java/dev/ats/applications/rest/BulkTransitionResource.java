package dev.ats.applications.rest;

import static dev.ats.web.security.Groups.RECRUITER;

import dev.ats.applications.service.BulkTransitions;
import dev.ats.platform.idempotency.IdempotencyInterceptor;
import dev.ats.platform.idempotency.Idempotent;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.ParameterIn;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/applications/bulk-transitions")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@Tag(name = "Applications", description = "Submissions, the hiring pipeline, notes and evaluations")
public class BulkTransitionResource {

  private final BulkTransitions bulk;
  private final Callers callers;

  public BulkTransitionResource(BulkTransitions bulk, Callers callers) {
    this.bulk = bulk;
    this.callers = callers;
  }

  @POST
  @RolesAllowed(RECRUITER)
  @Idempotent
  @Operation(
      operationId = "bulkTransitionApplications",
      summary = "Move up to 500 applications to one stage, each on its own",
      description =
          "Each item is a transition of its own (its own version check, history entry and"
              + " events, exactly as `POST /api/v1/applications/{id}/transitions`), committed in"
              + " chunks of 25 items per transaction: one failing item stops nothing. The answer is **200** with one result per"
              + " item, in the request's order: `status` 200 (moved; `stage` and `version` are"
              + " the new ones), 404 (unknown), 409 (illegal transition, or HIRED with no"
              + " opening left: a bulk hire hires up to the openings left), 412 (stale"
              + " version), with `problem` saying why. A bad body or reason is a 400 before"
              + " anything moves. With `Idempotency-Key`, a retry with the same body returns"
              + " the first answer and moves nothing; the same key with another body is a 422.")
  @RequestBody(
      content =
          @Content(
              schema = @Schema(implementation = BulkTransitionRequest.class),
              examples =
                  @ExampleObject(
                      name = "reject",
                      value =
                          "{\"applications\": [{\"id\":"
                              + " \"3f0e1a56-7d0c-4b8e-9f6a-2a1c5e9b7d10\", \"version\": 1}],"
                              + " \"to\": \"REJECTED\", \"reason\": \"NOT_A_FIT\"}")))
  @APIResponse(
      responseCode = "200",
      description = "Every item's outcome",
      content = @Content(schema = @Schema(implementation = BulkTransitionResult.class)))
  @APIResponse(responseCode = "422", description = "Idempotency-Key reused with another body")
  @Parameter(
      name = IdempotencyInterceptor.HEADER,
      in = ParameterIn.HEADER,
      description = "Makes retries safe: same key and body → the original answer",
      schema = @Schema(type = SchemaType.STRING, maxLength = 200))
  public Response transition(@Valid @NotNull BulkTransitionRequest request) {
    BulkTransitionResult result =
        BulkTransitionResult.of(
            request.to(),
            bulk.transition(
                request.items(), request.to(), request.reason(), request.note(), callers.name()));
    return Response.ok(result).type(MediaType.APPLICATION_JSON).build();
  }
}
