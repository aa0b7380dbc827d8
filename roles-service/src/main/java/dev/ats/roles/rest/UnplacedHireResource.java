package dev.ats.roles.rest;

import dev.ats.roles.service.HiringService;
import dev.ats.roles.service.UnplacedHireEntry;
import dev.ats.web.paging.Page;
import dev.ats.web.security.Groups;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/** Hires that filled no opening of a role: where a divergence in headcount becomes visible. */
@Path("/api/v1/roles/{id}/unplaced-hires")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Roles")
public class UnplacedHireResource {

  private final HiringService hiring;

  public UnplacedHireResource(HiringService hiring) {
    this.hiring = hiring;
  }

  @GET
  @RolesAllowed({Groups.RECRUITER, Groups.INTEGRATION})
  @Operation(
      operationId = "listUnplacedHires",
      summary = "List a role's unplaced hires",
      description =
          "roles-service is the one authority of headcount. A hire it cannot place (every"
              + " opening already filled, typically because applications-service's copy of the"
              + " role lagged behind a change that lowered openings; or a role it does not know)"
              + " fills nothing and is listed here, once per application, newest first"
              + " (receivedAt desc, applicationId desc), cursor-paginated. Recruiters and"
              + " integrations only. A role id that is neither a role nor named by an unplaced"
              + " hire is a 404.")
  @APIResponse(
      responseCode = "200",
      description = "One page of unplaced hires",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = UnplacedHirePage.class),
              examples = @ExampleObject(name = "unplacedHires", value = Examples.UNPLACED_HIRES)))
  public Page<UnplacedHireResponse> list(
      @PathParam("id") UUID id,
      @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor")
          String cursor,
      @Parameter(description = "Page size, 1 to 100 (default 20)", example = "20")
          @QueryParam("limit")
          Integer limit) {
    Page<UnplacedHireEntry> page = hiring.listUnplaced(id, cursor, limit);
    return new Page<>(
        page.items().stream().map(UnplacedHireResponse::of).toList(), page.nextCursor());
  }
}
