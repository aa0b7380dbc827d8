package dev.ats.web.error;

import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * A failure the caller can act on, rendered as an RFC 9457 problem. Services throw these from the
 * service layer; {@link ProblemMappers} turns them into {@code application/problem+json}.
 */
public class ApiException extends RuntimeException {

  private final int status;
  private final String title;
  private final String type;
  private final Map<String, Object> extensions;
  private final List<Problem.Violation> violations;

  public ApiException(int status, String type, String title, String detail) {
    this(status, type, title, detail, Map.of());
  }

  public ApiException(
      int status, String type, String title, String detail, Map<String, Object> extensions) {
    this(status, type, title, detail, extensions, null);
  }

  private ApiException(
      int status,
      String type,
      String title,
      String detail,
      Map<String, Object> extensions,
      List<Problem.Violation> violations) {
    super(detail);
    this.status = status;
    this.type = type;
    this.title = title;
    this.extensions = Map.copyOf(extensions);
    this.violations = violations;
  }

  /**
   * Input the service layer finds invalid (beyond what Bean Validation checks): the same 400
   * validation problem, one violation per field, sorted by field.
   */
  public static ApiException invalid(List<Problem.Violation> violations) {
    List<Problem.Violation> sorted =
        violations.stream().sorted(Comparator.comparing(Problem.Violation::field)).toList();
    String detail =
        String.join("; ", sorted.stream().map(v -> v.field() + ": " + v.message()).toList());
    return new ApiException(400, "validation", "Invalid request", detail, Map.of(), sorted);
  }

  public static ApiException badRequest(String detail) {
    return new ApiException(400, "bad-request", "Bad request", detail);
  }

  public static ApiException notFound(String what, Object id) {
    return new ApiException(404, "not-found", "Not found", what + " " + id + " does not exist");
  }

  public static ApiException conflict(String detail) {
    return new ApiException(409, "conflict", "Conflict", detail);
  }

  public static ApiException conflict(String detail, Map<String, Object> extensions) {
    return new ApiException(409, "conflict", "Conflict", detail, extensions);
  }

  public static ApiException preconditionFailed(String detail) {
    return new ApiException(412, "precondition-failed", "Precondition failed", detail);
  }

  public static ApiException preconditionRequired(String detail) {
    return new ApiException(428, "precondition-required", "Precondition required", detail);
  }

  public static ApiException unprocessable(String detail) {
    return new ApiException(422, "unprocessable", "Unprocessable request", detail);
  }

  public static ApiException forbidden(String detail) {
    return new ApiException(403, "forbidden", "Forbidden", detail);
  }

  public int status() {
    return status;
  }

  public String title() {
    return title;
  }

  public String type() {
    return type;
  }

  public Map<String, Object> extensions() {
    return extensions;
  }

  /** The invalid fields, for {@link #invalid}; null otherwise. */
  public List<Problem.Violation> violations() {
    return violations;
  }
}
