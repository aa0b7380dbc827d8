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

/**
 * An RFC 9457 problem detail; every error response of every service has this shape. A 400 always
 * carries {@code violations} (empty when the problem is not about one field), so that a client can
 * read every 400 as the documents' {@code ValidationProblem}. The OpenAPI schemas of the problems
 * are {@link dev.ats.web.openapi.ProblemSchemas}.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Problem(
    URI type,
    String title,
    int status,
    String detail,
    String instance,
    String requestId,
    List<Violation> violations,
    @JsonIgnore Map<String, Object> extensions) {

  public Problem {
    if (status == 400 && violations == null) {
      violations = List.of();
    }
  }

  public static final String MEDIA_TYPE = "application/problem+json";
  public static final String TYPE_BASE = "https://ats.dev/problems/";

  /** One invalid field: where ({@code field}, a JSON path) and what is wrong with it. */
  public record Violation(String field, String message) {}

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

  /** The problem an {@link ApiException} stands for, at {@code instance} (a path). */
  public static Problem of(ApiException e, String instance, String requestId) {
    return new Problem(
        URI.create(TYPE_BASE + e.type()),
        e.title(),
        e.status(),
        e.getMessage(),
        instance,
        requestId,
        e.violations(),
        e.extensions());
  }

  public Response toResponse() {
    return Response.status(status).type(MediaType.valueOf(MEDIA_TYPE)).entity(this).build();
  }
}
