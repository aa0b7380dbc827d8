package dev.ats.roles.rest;

import dev.ats.web.error.Problem;
import dev.ats.web.openapi.ProblemSchemas;
import jakarta.ws.rs.core.Application;
import jakarta.ws.rs.core.MediaType;
import org.eclipse.microprofile.openapi.annotations.Components;
import org.eclipse.microprofile.openapi.annotations.OpenAPIDefinition;
import org.eclipse.microprofile.openapi.annotations.enums.SchemaType;
import org.eclipse.microprofile.openapi.annotations.headers.Header;
import org.eclipse.microprofile.openapi.annotations.info.Info;
import org.eclipse.microprofile.openapi.annotations.media.Content;
import org.eclipse.microprofile.openapi.annotations.media.ExampleObject;
import org.eclipse.microprofile.openapi.annotations.media.Schema;
import org.eclipse.microprofile.openapi.annotations.responses.APIResponse;
import org.eclipse.microprofile.openapi.annotations.tags.Tag;

/**
 * The OpenAPI document's own parts: its description and the role response (with its ETag) that
 * reads and changes return. The security schemes and every error answer come from ats-web's {@code
 * ApiDocument} filter. No {@code @ApplicationPath}: resources keep their own paths.
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
                  name = "IllegalStatusChange",
                  responseCode = "409",
                  description =
                      "The role's status does not allow this action (allowedActions names what it"
                          + " does), or a reopen without an opening left",
                  content =
                      @Content(
                          mediaType = Problem.MEDIA_TYPE,
                          schema = @Schema(ref = ProblemSchemas.ILLEGAL_STATUS_CHANGE),
                          examples =
                              @ExampleObject(
                                  name = "illegalStatus",
                                  value = Examples.ILLEGAL_STATUS)))
            }))
public class RolesApi extends Application {}
