package dev.ats.roles.rest;

import dev.ats.web.error.Problem;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.enums.SecuritySchemeType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.security.SecurityScheme;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The OpenAPI document's shared parts: the bearer scheme, the role response (with its ETag) that
 * reads and changes return, and the problem responses every protected operation can give. No
 * {@code @ApplicationPath}: resources keep their own paths.
 */
@OpenAPIDefinition(
    info =
        @Info(
            title = "ATS roles-service",
            version = "1.0",
            description =
                "Roles (job openings) with openings, eligibility questions and a respond-by date."
                    + " Recruiters write; hiring managers and integrations read everything;"
                    + " anonymous callers see OPEN roles only."),
    tags = @Tag(name = "Roles", description = "Job openings and their status"),
    components =
        @Components(
            securitySchemes =
                @SecurityScheme(
                    securitySchemeName = RolesApi.BEARER,
                    type = SecuritySchemeType.HTTP,
                    scheme = "bearer",
                    bearerFormat = "JWT",
                    description =
                        "An RS256 JWT whose groups claim holds recruiter, hiring-manager or"
                            + " integration"),
            responses = {
              @APIResponse(
                  name = "Role",
                  responseCode = "200",
                  description =
                      "The role (for a change: as the change left it), with its version as ETag",
                  headers =
                      @Header(
                          name = "ETag",
                          description = "The role's version in quotes",
                          schema = @Schema(type = SchemaType.STRING)),
                  content =
                      @Content(
                          mediaType = MediaType.APPLICATION_JSON,
                          schema = @Schema(implementation = RoleResponse.class),
                          examples = @ExampleObject(name = "role", value = Examples.ROLE))),
              @APIResponse(
                  name = "Unauthorized",
                  responseCode = "401",
                  description = "No bearer token, or one that is invalid or expired",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class),
                          examples =
                              @ExampleObject(
                                  name = "unauthorized",
                                  value = Examples.UNAUTHORIZED))),
              @APIResponse(
                  name = "Forbidden",
                  responseCode = "403",
                  description = "The token's groups do not allow this (writes need recruiter)",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class),
                          examples =
                              @ExampleObject(name = "forbidden", value = Examples.FORBIDDEN))),
              @APIResponse(
                  name = "NotFound",
                  responseCode = "404",
                  description = "No such role (or, for anonymous callers, no such OPEN role)",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class),
                          examples =
                              @ExampleObject(name = "notFound", value = Examples.NOT_FOUND))),
              @APIResponse(
                  name = "Invalid",
                  responseCode = "400",
                  description = "Invalid input; violations lists each field and what is wrong",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class),
                          examples =
                              @ExampleObject(name = "validation", value = Examples.VALIDATION))),
              @APIResponse(
                  name = "IllegalStatusChange",
                  responseCode = "409",
                  description =
                      "The role's status does not allow this action; allowedActions names those"
                          + " that it does",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class),
                          examples =
                              @ExampleObject(
                                  name = "illegalStatus",
                                  value = Examples.ILLEGAL_STATUS))),
              @APIResponse(
                  name = "Stale",
                  responseCode = "412",
                  description = "If-Match names a version that is no longer current",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(implementation = Problem.class),
                          examples = @ExampleObject(name = "stale", value = Examples.STALE)))
            }))
public class RolesApi extends Application {

  public static final String BEARER = "bearer";
}
