package dev.ats.platform;

import dev.ats.web.error.ApiException;
import dev.ats.web.paging.Cursors;
import dev.ats.web.security.Groups;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Email;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** A resource that exists only in the platform tests, to exercise the shared error handling. */
@Path("/probe")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ProbeResource {

  public enum Colour {
    RED,
    GREEN
  }

  public record Person(@NotBlank @Email String email, @NotBlank @Size(max = 20) String name) {}

  public record ProbeRequest(
      @NotBlank @Size(max = 20) String title,
      @NotNull @Min(1) @Max(10) Integer count,
      Colour colour,
      UUID ref,
      Instant at,
      @Valid @NotNull Person person,
      List<@NotBlank String> tags) {}

  @POST
  public ProbeRequest echo(@Valid @NotNull ProbeRequest request) {
    return request;
  }

  @POST
  @Path("/tree")
  public Map<String, com.fasterxml.jackson.databind.JsonNode> tree(
      Map<String, com.fasterxml.jackson.databind.JsonNode> body) {
    return body;
  }

  @GET
  @Path("/conflict")
  public String conflict() {
    throw ApiException.conflict(
        "role is CLOSED",
        Map.of("allowed", List.of("OPEN"), "status", "CLOSED", "currentStatus", "CLOSED"));
  }

  @GET
  @Path("/recruiters-only")
  @RolesAllowed(Groups.RECRUITER)
  public String recruitersOnly() {
    return "ok";
  }

  @GET
  @Path("/invalid")
  public String invalid() {
    throw ApiException.invalid(
        List.of(
            new dev.ats.web.error.Problem.Violation("answers.z", "must be true"),
            new dev.ats.web.error.Problem.Violation("answers.a", "must be answered")));
  }

  @GET
  @Path("/defect")
  public String defect() {
    throw new IllegalStateException("secret internal detail");
  }

  @GET
  @Path("/page")
  public List<String> page(
      @QueryParam("cursor") String cursor, @QueryParam("limit") Integer limit) {
    Cursors.limit(limit);
    List<String> values = Cursors.decode(cursor, 2);
    return values == null ? List.of() : values;
  }
}
