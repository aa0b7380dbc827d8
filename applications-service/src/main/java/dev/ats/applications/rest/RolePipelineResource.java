package dev.ats.applications.rest;

import static dev.ats.web.security.Groups.HIRING_MANAGER;
import static dev.ats.web.security.Groups.INTEGRATION;
import static dev.ats.web.security.Groups.RECRUITER;

import dev.ats.applications.service.reports.Reports;
import dev.ats.applications.service.reports.RolePipeline;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

@Path("/api/v1/roles/{roleId}/pipeline")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Applications", description = "Submissions, the hiring pipeline, notes and evaluations")
public class RolePipelineResource {

  private final Reports reports;

  public RolePipelineResource(Reports reports) {
    this.reports = reports;
  }

  @GET
  @RolesAllowed({RECRUITER, HIRING_MANAGER, INTEGRATION})
  @Operation(
      operationId = "getRolePipeline",
      summary = "A board's counts for one role",
      description =
          "How many of the role's applications are in each stage and have each eligibility"
              + " outcome (every stage and outcome listed, zeros included), how many are"
              + " undecided, and how many are undecided past the role's respond-by day (UTC)."
              + " Read from counts kept up to date with every change (exact, never stale), so"
              + " its cost does not grow with the role's applications: cheap enough to refresh"
              + " every few seconds. A role this service has not heard of is a 404"
              + " `role-not-found`.")
  public RolePipeline pipeline(@PathParam("roleId") UUID roleId) {
    return reports.pipeline(roleId);
  }
}
