package dev.ats.web.error;

import com.fasterxml.jackson.core.JsonParseException;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.exc.MismatchedInputException;
import com.fasterxml.jackson.databind.exc.UnrecognizedPropertyException;
import com.fasterxml.jackson.databind.exc.ValueInstantiationException;
import dev.ats.web.http.RequestIds;
import io.quarkus.security.AuthenticationFailedException;
import io.quarkus.security.ForbiddenException;
import io.quarkus.security.UnauthorizedException;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.ConstraintViolationException;
import jakarta.validation.Path;
import jakarta.ws.rs.WebApplicationException;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.UriInfo;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.jboss.logging.Logger;
import org.jboss.resteasy.reactive.server.ServerExceptionMapper;

/**
 * Turns every failure into an RFC 9457 {@code application/problem+json} response. Bad input is
 * always a 4xx that says what was wrong; only a defect in the service is a 500, and its body
 * reveals nothing but the request id to quote.
 */
public class ProblemMappers {

  private static final Logger LOG = Logger.getLogger(ProblemMappers.class);

  @ServerExceptionMapper
  public Response apiException(ApiException e, UriInfo uri, HttpHeaders headers) {
    return Problem.of(e, instanceOf(uri), RequestIds.of(headers)).toResponse();
  }

  @ServerExceptionMapper
  public Response constraintViolation(
      ConstraintViolationException e, UriInfo uri, HttpHeaders headers) {
    List<Problem.Violation> violations =
        e.getConstraintViolations().stream()
            .map(v -> new Problem.Violation(fieldOf(v), v.getMessage()))
            .sorted(Comparator.comparing(Problem.Violation::field))
            .toList();
    String detail =
        violations.stream()
            .map(v -> v.field() + ": " + v.message())
            .collect(Collectors.joining("; "));
    return problem(
        400, "validation", "Invalid request", detail, uri, headers, violations, Map.of());
  }

  /**
   * Every way a body can fail to be read as JSON. Registered for each Jackson type that Quarkus
   * REST has a built-in mapper for, so that ours (problem+json) wins.
   */
  @ServerExceptionMapper({
    JsonProcessingException.class,
    JsonParseException.class,
    JsonMappingException.class,
    MismatchedInputException.class,
    InvalidFormatException.class,
    UnrecognizedPropertyException.class,
    ValueInstantiationException.class
  })
  public Response unreadableBody(JsonProcessingException e, UriInfo uri, HttpHeaders headers) {
    if (e instanceof JsonParseException parse) {
      String detail =
          "The body is not valid JSON (line "
              + parse.getLocation().getLineNr()
              + ", column "
              + parse.getLocation().getColumnNr()
              + "): "
              + parse.getOriginalMessage();
      return problem(400, "malformed-json", "Malformed JSON", detail, uri, headers, null, Map.of());
    }
    if (!(e instanceof JsonMappingException mapping)) {
      return problem(
          400,
          "malformed-json",
          "Malformed JSON",
          e.getOriginalMessage(),
          uri,
          headers,
          null,
          Map.of());
    }
    String field = pathOf(mapping);
    String message;
    if (e instanceof UnrecognizedPropertyException) {
      message = "unknown field";
    } else if (e instanceof InvalidFormatException invalid) {
      String expected =
          invalid.getTargetType() == null ? "another type" : describe(invalid.getTargetType());
      message = "cannot read " + quote(invalid.getValue()) + " as " + expected;
    } else if (e instanceof ValueInstantiationException && e.getCause() != null) {
      message = String.valueOf(e.getCause().getMessage());
    } else if (e instanceof MismatchedInputException mismatched
        && mismatched.getTargetType() != null) {
      message = "expected " + describe(mismatched.getTargetType());
    } else {
      message = e.getOriginalMessage();
    }
    if (field.isEmpty()) {
      return problem(
          400, "validation", "Invalid request", "body: " + message, uri, headers, null, Map.of());
    }
    return problem(
        400,
        "validation",
        "Invalid request",
        field + ": " + message,
        uri,
        headers,
        List.of(new Problem.Violation(field, message)),
        Map.of());
  }

  @ServerExceptionMapper({UnauthorizedException.class, AuthenticationFailedException.class})
  public Response unauthenticated(RuntimeException e, UriInfo uri, HttpHeaders headers) {
    return Response.fromResponse(
            problem(
                401,
                "unauthorized",
                "Unauthorized",
                "This needs a valid bearer token (Authorization: Bearer ...)",
                uri,
                headers,
                null,
                Map.of()))
        .header(HttpHeaders.WWW_AUTHENTICATE, "Bearer")
        .build();
  }

  @ServerExceptionMapper
  public Response forbidden(ForbiddenException e, UriInfo uri, HttpHeaders headers) {
    return problem(
        403,
        "forbidden",
        "Forbidden",
        "Your token's groups do not allow this",
        uri,
        headers,
        null,
        Map.of());
  }

  @ServerExceptionMapper
  public Response webApplicationException(
      WebApplicationException e, UriInfo uri, HttpHeaders headers) {
    if (e.getCause() instanceof JsonProcessingException json) {
      return unreadableBody(json, uri, headers);
    }
    Response original = e.getResponse();
    int status = original.getStatus();
    if (status == 404 && e.getCause() instanceof IllegalArgumentException invalid) {
      // JAX-RS answers 404 when a query or path parameter cannot be converted; it is bad input.
      return invalidParameter(invalid, uri, headers);
    }
    if (status >= 500) {
      LOG.errorf(e, "request %s failed", RequestIds.of(headers));
    }
    Response.StatusType info = original.getStatusInfo();
    String title = info.getReasonPhrase() == null ? "Error" : info.getReasonPhrase();
    String detail = e.getMessage() == null ? title : e.getMessage();
    Response.ResponseBuilder builder =
        Response.fromResponse(
            problem(status, slug(title), title, detail, uri, headers, null, Map.of()));
    original
        .getHeaders()
        .forEach(
            (name, values) -> {
              if (!name.equalsIgnoreCase(HttpHeaders.CONTENT_TYPE)
                  && !name.equalsIgnoreCase(HttpHeaders.CONTENT_LENGTH)) {
                values.forEach(v -> builder.header(name, v));
              }
            });
    return builder.build();
  }

  /**
   * A query or path parameter that could not be converted, named: the exception says only which
   * value it could not read ({@code For input string: "x"}, {@code Invalid UUID string: x}), so the
   * parameter is the one the request gave that value.
   */
  private static Response invalidParameter(
      IllegalArgumentException e, UriInfo uri, HttpHeaders headers) {
    String value = rejectedValue(e);
    String expected =
        e instanceof NumberFormatException
            ? "a whole number"
            : String.valueOf(e.getMessage()).startsWith("Invalid UUID") ? "a UUID" : null;
    String name = value == null || uri == null ? null : parameterWithValue(uri, value);
    if (name == null) {
      return problem(
          400,
          "invalid-parameter",
          "Invalid parameter",
          "a query or path parameter has the wrong format: " + e.getMessage(),
          uri,
          headers,
          null,
          Map.of());
    }
    String message = "cannot read " + quote(value) + (expected == null ? "" : " as " + expected);
    return problem(
        400,
        "invalid-parameter",
        "Invalid parameter",
        name + ": " + message,
        uri,
        headers,
        List.of(new Problem.Violation(name, message)),
        Map.of());
  }

  private static String rejectedValue(IllegalArgumentException e) {
    String message = e.getMessage();
    if (message == null) {
      return null;
    }
    if (message.startsWith("For input string: \"") && message.endsWith("\"")) {
      return message.substring("For input string: \"".length(), message.length() - 1);
    }
    if (message.startsWith("Invalid UUID string: ")) {
      return message.substring("Invalid UUID string: ".length());
    }
    return null;
  }

  private static String parameterWithValue(UriInfo uri, String value) {
    for (var parameters : List.of(uri.getQueryParameters(), uri.getPathParameters())) {
      for (Map.Entry<String, List<String>> entry : parameters.entrySet()) {
        if (entry.getValue().contains(value)) {
          return entry.getKey();
        }
      }
    }
    return null;
  }

  @ServerExceptionMapper
  public Response unexpected(Throwable e, UriInfo uri, HttpHeaders headers) {
    String requestId = RequestIds.of(headers);
    LOG.errorf(e, "request %s failed unexpectedly", requestId);
    return problem(
        500,
        "internal",
        "Internal error",
        "Something went wrong on our side; quote request id " + requestId + " when reporting it",
        uri,
        headers,
        null,
        Map.of());
  }

  public static Response problem(
      int status,
      String type,
      String title,
      String detail,
      UriInfo uri,
      HttpHeaders headers,
      List<Problem.Violation> violations,
      Map<String, Object> extensions) {
    return new Problem(
            URI.create(Problem.TYPE_BASE + type),
            title,
            status,
            detail,
            instanceOf(uri),
            RequestIds.of(headers),
            violations,
            extensions)
        .toResponse();
  }

  private static String instanceOf(UriInfo uri) {
    return uri == null ? null : uri.getRequestUri().getRawPath();
  }

  /** {@code create.request.candidate.email} → {@code candidate.email}. */
  private static String fieldOf(ConstraintViolation<?> violation) {
    List<String> names = new ArrayList<>();
    for (Path.Node node : violation.getPropertyPath()) {
      String name = node.getName();
      if (node.getIndex() != null && !names.isEmpty()) {
        names.set(names.size() - 1, names.get(names.size() - 1) + "[" + node.getIndex() + "]");
      }
      if (node.getKey() != null && !names.isEmpty()) {
        names.set(names.size() - 1, names.get(names.size() - 1) + "." + node.getKey());
      }
      if (name != null && !name.startsWith("<")) {
        names.add(name);
      }
    }
    // Method validation paths start with the method and the parameter name.
    if (violation.getExecutableParameters() != null && names.size() >= 2) {
      List<String> rest = names.subList(2, names.size());
      return rest.isEmpty() ? names.get(1) : String.join(".", rest);
    }
    return String.join(".", names);
  }

  private static String pathOf(JsonMappingException e) {
    StringBuilder path = new StringBuilder();
    for (JsonMappingException.Reference ref : e.getPath()) {
      if (ref.getFieldName() != null) {
        if (path.length() > 0) {
          path.append('.');
        }
        path.append(ref.getFieldName());
      } else if (ref.getIndex() >= 0) {
        path.append('[').append(ref.getIndex()).append(']');
      }
    }
    return path.toString();
  }

  private static String describe(Class<?> type) {
    if (type.isEnum()) {
      Object[] constants = type.getEnumConstants();
      List<String> names = new ArrayList<>();
      for (Object c : constants) {
        names.add(c.toString());
      }
      return "one of " + names;
    }
    return switch (type.getSimpleName()) {
      case "Integer", "int", "Long", "long" -> "a whole number";
      case "Boolean", "boolean" -> "true or false";
      case "UUID" -> "a UUID";
      case "Instant", "OffsetDateTime" -> "an ISO-8601 date-time such as 2026-12-01T17:00:00Z";
      case "LocalDate" -> "an ISO-8601 date such as 2026-12-01";
      default -> "a " + documentedName(type);
    };
  }

  /** The name the OpenAPI documents give {@code type} (its @Schema name), never a Java name. */
  private static String documentedName(Class<?> type) {
    org.eclipse.microprofile.openapi.annotations.media.Schema schema =
        type.getAnnotation(org.eclipse.microprofile.openapi.annotations.media.Schema.class);
    if (schema != null && !schema.name().isBlank()) {
      return schema.name();
    }
    if (java.util.Map.class.isAssignableFrom(type)
        || type.getSimpleName().endsWith("Node")
        || type.isRecord()) {
      return "JSON object";
    }
    if (java.util.Collection.class.isAssignableFrom(type) || type.isArray()) {
      return "JSON array";
    }
    return type.getSimpleName();
  }

  private static String quote(Object value) {
    return value instanceof String s ? "'" + s + "'" : String.valueOf(value);
  }

  private static String slug(String title) {
    return title.toLowerCase().replaceAll("[^a-z0-9]+", "-").replaceAll("(^-|-$)", "");
  }
}
