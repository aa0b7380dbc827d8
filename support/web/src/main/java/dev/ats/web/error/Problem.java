package dev.ats.web.error;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.net.URI;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.eclipse.microprofile.openapi.annotations.media.Schema;

/** An RFC 9457 problem detail; every error response of every service has this shape. */
@JsonInclude(JsonInclude.Include.NON_NULL)
@Schema(name = "Problem", description = "RFC 9457 problem details")
public record Problem(
    @Schema(example = "https://ats.dev/problems/validation") URI type,
    @Schema(example = "Invalid request") String title,
    @Schema(example = "400") int status,
    @Schema(example = "title: must not be blank") String detail,
    @Schema(example = "/api/v1/roles") String instance,
    @Schema(description = "The request id, also in the X-Request-Id response header")
        String requestId,
    @Schema(description = "What was wrong with which field, for validation errors")
        List<Violation> violations,
    @Schema(hidden = true) @JsonIgnore Map<String, Object> extensions) {

  public static final String MEDIA_TYPE = "application/problem+json";
  public static final String TYPE_BASE = "https://ats.dev/problems/";

  /** One invalid field: where ({@code field}, a JSON path) and what is wrong with it. */
  public record Violation(
      @Schema(example = "candidate.email") String field,
      @Schema(example = "must be a well-formed email address") String message) {}

  private static final Set<String> MEMBERS =
      Set.of("type", "title", "status", "detail", "instance", "requestId", "violations");

  /** Extension members beside the standard ones; they can never replace a standard member. */
  @JsonAnyGetter
  public Map<String, Object> anyExtensions() {
    if (extensions == null) {
      return Map.of();
    }
    Map<String, Object> safe = new LinkedHashMap<>(extensions);
    safe.keySet().removeAll(MEMBERS);
    return safe;
  }

  public Response toResponse() {
    return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this).build();
  }
}
