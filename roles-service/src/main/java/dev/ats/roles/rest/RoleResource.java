package dev.ats.roles.rest;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ats.roles.domain.EmploymentType;
import dev.ats.roles.domain.RoleRepository;
import dev.ats.roles.domain.RoleState;
import dev.ats.roles.domain.RoleStatus;
import dev.ats.roles.domain.WorkplaceType;
import dev.ats.roles.service.RoleService;
import dev.ats.web.error.ApiException;
import dev.ats.web.http.ConditionalGet;
import dev.ats.web.http.ETags;
import dev.ats.web.openapi.ApiDocument;
import dev.ats.web.paging.Page;
import dev.ats.web.security.Groups;
import io.quarkus.security.identity.SecurityIdentity;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.UriInfo;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.eclipse.microprofile.openapi.annotations.Operation;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.parameters.Parameter;
import org.eclipse.microprofile.openapi.annotations.parameters.RequestBody;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirement;
import org.eclipse.microprofile.openapi.annotations.security.SecurityRequirementsSet;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;
import org.jboss.resteasy.reactive.RestResponse;

/** The roles API: thin, it maps HTTP to {@link RoleService} and back. */
@Path("/api/v1/roles")
@Produces(MediaType.APPLICATION_JSON)
@Tag(name = "Roles")
public class RoleResource {

  static final String MERGE_PATCH = "application/merge-patch+json";

  /** Fields of the representation that a merge patch may not set: all but RoleInput's. */
  private static final Set<String> READ_ONLY =
      Set.of("id", "openingsFilled", "status", "version", "createdAt", "updatedAt");

  private final RoleService roles;
  private final SecurityIdentity identity;
  private final ObjectMapper json;
  private final Validator validator;

  public RoleResource(
      RoleService roles, SecurityIdentity identity, ObjectMapper json, Validator validator) {
    this.roles = roles;
    this.identity = identity;
    this.json = json;
    this.validator = validator;
  }

  @POST
  @Consumes(MediaType.APPLICATION_JSON)
  @RolesAllowed(Groups.RECRUITER)
  @Operation(
      operationId = "createRole",
      summary = "Create a role",
      description =
          "Creates a DRAFT role (recruiters only). Eligibility rules: BOOLEAN allows EQUALS (true"
              + " or false); NUMBER EQUALS, GTE, LTE (a number); DATE BEFORE, AFTER, ON_OR_BEFORE,"
              + " ON_OR_AFTER (YYYY-MM-DD); CHOICE ONE_OF (options it names). Rule ids are unique"
              + " camelCase identifiers.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RoleInput.class),
              examples = @ExampleObject(name = "internship", value = Examples.CREATE)))
  @APIResponse(
      responseCode = "201",
      description = "Created; Location is the role's URL",
      headers = {
        @Header(name = "Location", schema = @Schema(type = SchemaType.STRING, format = "uri")),
        @Header(
            name = "ETag",
            description = "The role's version in quotes",
            schema = @Schema(type = SchemaType.STRING))
      },
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RoleResponse.class),
              examples = @ExampleObject(name = "role", value = Examples.ROLE)))
  public RestResponse<RoleResponse> create(@Valid @NotNull RoleInput role, @Context UriInfo uri) {
    RoleState created = roles.create(role.toDetails());
    return RestResponse.ResponseBuilder.<RoleResponse>created(
            uri.getAbsolutePathBuilder().path(created.id().toString()).build())
        .entity(RoleResponse.of(created))
        .header(HttpHeaders.ETAG, ETags.of(created.version()))
        .build();
  }

  @GET
  @PermitAll
  @SecurityRequirementsSet(@SecurityRequirement(name = ApiDocument.BEARER))
  @SecurityRequirementsSet // no token at all: anonymous
  @Operation(
      operationId = "listRoles",
      summary = "List roles",
      description =
          "Newest first (createdAt desc, id desc), cursor-paginated. The bearer token is optional:"
              + " anonymous callers see OPEN roles only, each question without its rule;"
              + " recruiters, hiring managers and integrations see every status and the rules."
              + " Anonymous answers carry Cache-Control: public, max-age=60; answers to a token"
              + " private, no-cache; both Vary: Authorization.")
  @APIResponse(
      responseCode = "200",
      description = "One page of roles",
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = RolePage.class),
              examples = @ExampleObject(name = "page", value = Examples.PAGE)))
  public RestResponse<Page<RoleResponse>> list(
      @Parameter(description = "Only roles in this status") @QueryParam("status") RoleStatus status,
      @Parameter(description = "Only this team (case-insensitive)", example = "Engineering")
          @QueryParam("team")
          String team,
      @QueryParam("workplaceType") WorkplaceType workplaceType,
      @QueryParam("employmentType") EmploymentType employmentType,
      @Parameter(
              description =
                  "Text in the title, description or team (case-insensitive, any part of a"
                      + " word: `intern` finds `Internship`); answered from trigram indexes",
              example = "intern")
          @QueryParam("q")
          String q,
      @Parameter(description = "nextCursor of the previous page") @QueryParam("cursor")
          String cursor,
      @Parameter(description = "Page size, 1 to 100 (default 20)", example = "20")
          @QueryParam("limit")
          Integer limit) {
    boolean staff = seesEveryStatus();
    RoleStatus visible = status;
    Page<RoleResponse> answer;
    if (!staff && status != null && status != RoleStatus.OPEN) {
      answer = new Page<>(List.of(), null);
    } else {
      if (!staff) {
        visible = RoleStatus.OPEN;
      }
      Page<RoleState> page =
          roles.list(
              new RoleRepository.Filter(visible, team, workplaceType, employmentType, q),
              cursor,
              limit);
      answer =
          new Page<>(
              page.items().stream().map(role -> RoleResponse.of(role, staff)).toList(),
              page.nextCursor());
    }
    return cached(RestResponse.ResponseBuilder.ok(answer), staff).build();
  }

  @GET
  @Path("/{id}")
  @PermitAll
  @SecurityRequirementsSet(@SecurityRequirement(name = ApiDocument.BEARER))
  @SecurityRequirementsSet // no token at all: anonymous
  @Operation(
      operationId = "getRole",
      summary = "Read a role",
      description =
          "Includes the eligibility questions, so that a careers page can render the application"
              + " form. The bearer token is optional: anonymous callers can read OPEN roles only"
              + " (any other status is a 404), and see each question without its rule (the"
              + " expected answer); recruiters, hiring managers and integrations see the rules."
              + " Anonymous answers carry Cache-Control: public, max-age=60; answers to a token"
              + " private, no-cache; both Vary: Authorization. If-None-Match with the ETag: 304.")
  @APIResponse(responseCode = "200", ref = "Role")
  public RestResponse<RoleResponse> get(@PathParam("id") UUID id) {
    boolean staff = seesEveryStatus();
    RoleState role = roles.find(id, !staff).orElseThrow(() -> ApiException.notFound("role", id));
    return cached(
            RestResponse.ResponseBuilder.ok(RoleResponse.of(role, staff))
                .header(HttpHeaders.ETAG, ETags.of(role.version())),
            staff)
        .build();
  }

  /**
   * Reads anonymous callers get (OPEN roles, rules without their values) are the same for everyone:
   * a careers page and shared caches may keep them a minute. A token's answers are its own.
   */
  private static <T> RestResponse.ResponseBuilder<T> cached(
      RestResponse.ResponseBuilder<T> answer, boolean staff) {
    return answer
        .header(HttpHeaders.CACHE_CONTROL, staff ? ConditionalGet.PRIVATE : ConditionalGet.PUBLIC)
        .header(HttpHeaders.VARY, ConditionalGet.VARY);
  }

  @PATCH
  @Path("/{id}")
  @Consumes(MERGE_PATCH)
  @RolesAllowed(Groups.RECRUITER)
  @Operation(
      operationId = "updateRole",
      summary = "Change a role's fields",
      description =
          "An RFC 7396 JSON merge patch of the writable fields (those of a create): members set"
              + " replace, null removes an optional field, eligibilityRules is replaced as a"
              + " whole. Needs If-Match with the role's ETag. id, status, openingsFilled, version"
              + " and the timestamps are read-only; status changes through /open, /close and"
              + " /reopen. openings can never be set below openingsFilled; setting it equal on an"
              + " OPEN role fills the role (role.filled). A patch that changes nothing leaves the"
              + " version alone and publishes nothing.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MERGE_PATCH,
              schema = @Schema(implementation = RolePatch.class),
              examples = @ExampleObject(name = "moreOpenings", value = Examples.PATCH)))
  @APIResponse(responseCode = "200", ref = "Role")
  @APIResponse(
      responseCode = "409",
      description = "openings would be fewer than openingsFilled (carries openingsFilled)")
  @APIResponse(responseCode = "412", description = "If-Match names a version that is not current")
  @APIResponse(responseCode = "428", description = "If-Match is missing (or *)")
  public RestResponse<RoleResponse> patch(
      @PathParam("id") UUID id,
      @Parameter(description = "The role's ETag, as GET returned it", example = "\"4\"")
          @HeaderParam(HttpHeaders.IF_MATCH)
          String ifMatch,
      String body)
      throws JsonProcessingException {
    long version = IfMatch.required(ifMatch);
    JsonNode patch = body == null || body.isBlank() ? null : json.readTree(body);
    if (!(patch instanceof ObjectNode changes)) {
      throw ApiException.badRequest("a merge patch must be a JSON object");
    }
    for (Iterator<String> names = changes.fieldNames(); names.hasNext(); ) {
      String name = names.next();
      if (READ_ONLY.contains(name)) {
        throw ApiException.badRequest(
            name
                + " is read-only: status changes through /open, /close and /reopen, the rest is"
                + " kept by the service");
      }
    }
    // The patch applies to the representation's writable part: GET's body without READ_ONLY.
    ObjectNode current = json.valueToTree(RoleResponse.of(roles.current(id, version)));
    current.remove(READ_ONLY);
    RoleInput patched =
        validated(json.treeToValue(MergePatch.apply(current, changes), RoleInput.class));
    return withETag(roles.update(id, version, patched.toDetails()));
  }

  @POST
  @Path("/{id}/open")
  @RolesAllowed(Groups.RECRUITER)
  @Operation(
      operationId = "openRole",
      summary = "Open a DRAFT role",
      description = "Candidates can see and apply to it.")
  @APIResponse(responseCode = "200", ref = "Role")
  @APIResponse(responseCode = "409", ref = "IllegalStatusChange")
  @APIResponse(responseCode = "412", description = "If-Match names a version that is not current")
  public RestResponse<RoleResponse> open(
      @PathParam("id") UUID id,
      @Parameter(description = "Optional: the ETag the change is based on")
          @HeaderParam(HttpHeaders.IF_MATCH)
          String ifMatch) {
    return withETag(roles.open(id, IfMatch.optional(ifMatch)));
  }

  @POST
  @Path("/{id}/close")
  @RolesAllowed(Groups.RECRUITER)
  @Operation(
      operationId = "closeRole",
      summary = "Close an OPEN role",
      description = "The reason is required.")
  @RequestBody(
      required = true,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = CloseRoleRequest.class),
              examples = @ExampleObject(name = "close", value = Examples.CLOSE)))
  @APIResponse(responseCode = "200", ref = "Role")
  @APIResponse(responseCode = "409", ref = "IllegalStatusChange")
  @APIResponse(responseCode = "412", description = "If-Match names a version that is not current")
  public RestResponse<RoleResponse> close(
      @PathParam("id") UUID id,
      @Parameter(description = "Optional: the ETag the change is based on")
          @HeaderParam(HttpHeaders.IF_MATCH)
          String ifMatch,
      String body)
      throws JsonProcessingException {
    CloseRoleRequest request = optionalBody(body, CloseRoleRequest.class);
    if (request == null) {
      throw ApiException.badRequest("send a JSON body with the reason, e.g. {\"reason\": \"...\"}");
    }
    return withETag(roles.close(id, IfMatch.optional(ifMatch), request.reason()));
  }

  @POST
  @Path("/{id}/reopen")
  @RolesAllowed(Groups.RECRUITER)
  @Operation(
      operationId = "reopenRole",
      summary = "Reopen a CLOSED or FILLED role",
      description =
          "Adds additionalOpenings first (optional body). A FILLED role, or any role whose"
              + " openings are all filled, needs additionalOpenings of at least 1 (409 otherwise).")
  @RequestBody(
      required = false,
      content =
          @Content(
              mediaType = MediaType.APPLICATION_JSON,
              schema = @Schema(implementation = ReopenRoleRequest.class),
              examples = @ExampleObject(name = "reopen", value = Examples.REOPEN)))
  @APIResponse(responseCode = "200", ref = "Role")
  @APIResponse(responseCode = "409", ref = "IllegalStatusChange")
  @APIResponse(responseCode = "412", description = "If-Match names a version that is not current")
  public RestResponse<RoleResponse> reopen(
      @PathParam("id") UUID id,
      @Parameter(description = "Optional: the ETag the change is based on")
          @HeaderParam(HttpHeaders.IF_MATCH)
          String ifMatch,
      String body)
      throws JsonProcessingException {
    ReopenRoleRequest request = optionalBody(body, ReopenRoleRequest.class);
    int additional =
        request == null || request.additionalOpenings() == null ? 0 : request.additionalOpenings();
    String reason = request == null ? null : request.reason();
    return withETag(roles.reopen(id, IfMatch.optional(ifMatch), additional, reason));
  }

  /**
   * Reads and validates an optional JSON body. The status actions take the body as text, so that a
   * call without any body (and so without a Content-Type) still reaches them.
   */
  private <T> T optionalBody(String body, Class<T> type) throws JsonProcessingException {
    if (body == null || body.isBlank()) {
      return null;
    }
    T request = json.readValue(body, type);
    return request == null ? null : validated(request);
  }

  /** {@code request}, if Bean Validation finds nothing wrong with it (400 otherwise). */
  private <T> T validated(T request) {
    Set<ConstraintViolation<T>> violations = validator.validate(request);
    if (!violations.isEmpty()) {
      throw new ConstraintViolationException(violations);
    }
    return request;
  }

  /** Recruiters, hiring managers and integrations see every status; anyone else OPEN only. */
  private boolean seesEveryStatus() {
    return identity.hasRole(Groups.RECRUITER)
        || identity.hasRole(Groups.HIRING_MANAGER)
        || identity.hasRole(Groups.INTEGRATION);
  }

  private static RestResponse<RoleResponse> withETag(RoleState role) {
    return RestResponse.ResponseBuilder.ok(RoleResponse.of(role))
        .header(HttpHeaders.ETAG, ETags.of(role.version()))
        .build();
  }
}
