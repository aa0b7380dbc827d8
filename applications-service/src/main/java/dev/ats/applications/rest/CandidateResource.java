package dev.ats.applications.rest;

import static dev.ats.web.security.Groups.RECRUITER;

import dev.ats.applications.service.ErasureService;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/candidates")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Candidates", description = "Personal data and its erasure")
public class CandidateResource {

  private final ErasureService erasure;

  public CandidateResource(ErasureService erasure) {
    this.erasure = erasure;
  }

  @DELETE
  @Path("/{id}")
  @RolesAllowed(RECRUITER)
  @Operation(
      operationId = "eraseCandidate",
      summary = "Erase a candidate's personal data",
      description =
          "Irreversibly anonymises the candidate (email, names, phone, school, degree, graduation"
              + " date, links) and, in their applications, the answers, rule explanations, notes,"
              + " evaluation comments and free-text history reasons; keeps role, stages, dates,"
              + " outcomes and ratings for reporting. Publishes dev.ats.candidate.erased.v1 so"
              + " other services purge their copies. Erasing an erased candidate again is a 204"
              + " that changes nothing and publishes nothing.")
  @APIResponse(responseCode = "204", description = "Erased (or already erased)")
  public Response erase(@PathParam("id") UUID id) {
    erasure.erase(id);
    return Response.noContent().build();
  }
}
