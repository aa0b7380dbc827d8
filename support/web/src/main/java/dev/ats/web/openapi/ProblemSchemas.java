package dev.ats.web.openapi;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.microprofile.openapi.OASFactory;
import org.eclipse.microprofile.openapi.models.media.Schema;

/**
 * The kinds of RFC 9457 problem the services answer, as OpenAPI schemas: the same names and shapes
 * in every service's document, so that the gateway can merge the documents without renaming. A
 * document gets only the ones its operations refer to ({@link ApiDocument}).
 */
public final class ProblemSchemas {

  /** Every error answer: type, title, status, detail, instance, requestId. */
  public static final String PROBLEM = "Problem";

  /** Every 400: a {@link #PROBLEM} whose {@code violations} lists each invalid field (or none). */
  public static final String VALIDATION = "ValidationProblem";

  /** applications-service's 409 for a stage change its stage does not allow: {@code allowed}. */
  public static final String ILLEGAL_TRANSITION = "IllegalTransitionProblem";

  /** roles-service's 409 for an action its status does not allow: {@code allowedActions}. */
  public static final String ILLEGAL_STATUS_CHANGE = "IllegalStatusChangeProblem";

  /** notifications-service's 409 for a retry its status does not allow: {@code currentStatus}. */
  public static final String NOTIFICATION_STATUS = "NotificationStatusProblem";

  static final String VIOLATION = "Violation";

  private ProblemSchemas() {}

  /** {@code #/components/schemas/<name>}. */
  public static String ref(String name) {
    return "#/components/schemas/" + name;
  }

  /** The schemas by name, each problem kind with the schemas it refers to. */
  static Map<String, Schema> all() {
    Map<String, Schema> schemas = new LinkedHashMap<>();
    schemas.put(PROBLEM, problem());
    schemas.put(VIOLATION, violation());
    schemas.put(
        VALIDATION,
        extending(
            "A 400: the request is invalid. violations names each invalid field and what is wrong"
                + " with it; it is empty when the problem is not about one field (malformed JSON,"
                + " a cursor this list did not return, a parameter of the wrong format).",
            Map.of(
                "violations",
                OASFactory.createSchema()
                    .type(List.of(Schema.SchemaType.ARRAY))
                    .items(OASFactory.createSchema().ref(ref(VIOLATION)))),
            List.of("violations")));
    schemas.put(
        ILLEGAL_TRANSITION,
        extending(
            "A 409 about an application's stage. When the stage does not allow the change"
                + " (type .../illegal-transition), stage and allowed say where it may move; other"
                + " conflicts of the same operation (no opening left) carry neither.",
            Map.of(
                "stage",
                string("The application's current stage", "SUBMITTED"),
                "allowed",
                strings("The stages the application may move to")),
            List.of()));
    schemas.put(
        ILLEGAL_STATUS_CHANGE,
        extending(
            "A 409 about a role's status. When the status does not allow the action,"
                + " currentStatus and allowedActions say what it does allow; other conflicts of the"
                + " same operation (reopening a role with every opening filled) carry openings and"
                + " openingsFilled instead.",
            Map.of(
                "currentStatus",
                string("The role's status", "DRAFT"),
                "allowedActions",
                strings("The actions the status allows (open, close, reopen)"),
                "openings",
                integer("The role's openings"),
                "openingsFilled",
                integer("How many of them are filled")),
            List.of()));
    schemas.put(
        NOTIFICATION_STATUS,
        extending(
            "A 409 about a notification's status: only a FAILED notification can be retried, and"
                + " not once its candidate was erased. currentStatus says where it stands.",
            Map.of("currentStatus", string("The notification's status", "SENT")),
            List.of("currentStatus")));
    return schemas;
  }

  /** The names a problem schema refers to, itself included. */
  static List<String> closure(String name) {
    return switch (name) {
      case PROBLEM -> List.of(PROBLEM);
      case VALIDATION -> List.of(VALIDATION, PROBLEM, VIOLATION);
      default -> List.of(name, PROBLEM);
    };
  }

  private static Schema problem() {
    Map<String, Schema> properties = new LinkedHashMap<>();
    properties.put(
        "type", string("A URI naming the kind of problem", "https://ats.dev/problems/not-found"));
    properties.get("type").format("uri");
    properties.put("title", string("A short summary of the kind of problem", "Not found"));
    properties.put(
        "status",
        OASFactory.createSchema()
            .type(List.of(Schema.SchemaType.INTEGER))
            .format("int32")
            .description("The HTTP status")
            .examples(List.of(404)));
    properties.put("detail", string("What went wrong this time", "role 42 does not exist"));
    properties.put("instance", string("The request path", "/api/v1/roles/42"));
    properties.put(
        "requestId", string("The request id, also in the X-Request-Id response header", null));
    return OASFactory.createSchema()
        .description(
            "RFC 9457 problem details (application/problem+json). Some problems carry extension"
                + " members beside these, named in the operation's response description.")
        .type(List.of(Schema.SchemaType.OBJECT))
        .required(List.of("type", "title", "status", "detail"))
        .properties(properties);
  }

  private static Schema violation() {
    Map<String, Schema> properties = new LinkedHashMap<>();
    properties.put("field", string("A JSON path, e.g. candidate.email", "candidate.email"));
    properties.put(
        "message", string("What is wrong with it", "must be a well-formed email address"));
    return OASFactory.createSchema()
        .description("One invalid field")
        .type(List.of(Schema.SchemaType.OBJECT))
        .required(List.of("field", "message"))
        .properties(properties);
  }

  /**
   * A {@link #PROBLEM} with extension members, written out as one object schema (Problem's members
   * and these) rather than {@code allOf(Problem, {…})}: validators that close object schemas
   * (additionalProperties false) judge each part of an allOf alone and reject every answer, and
   * clients generate one plain type either way.
   */
  private static Schema extending(
      String description, Map<String, Schema> members, List<String> required) {
    Schema problem = problem();
    Map<String, Schema> properties = new LinkedHashMap<>(problem.getProperties());
    properties.putAll(members);
    List<String> allRequired = new ArrayList<>(problem.getRequired());
    allRequired.addAll(required);
    return OASFactory.createSchema()
        .description(description)
        .type(List.of(Schema.SchemaType.OBJECT))
        .required(allRequired)
        .properties(properties);
  }

  private static Schema integer(String description) {
    return OASFactory.createSchema()
        .type(List.of(Schema.SchemaType.INTEGER))
        .format("int32")
        .description(description);
  }

  private static Schema string(String description, String example) {
    Schema schema =
        OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)).description(description);
    return example == null ? schema : schema.examples(List.of(example));
  }

  private static Schema strings(String description) {
    return OASFactory.createSchema()
        .type(List.of(Schema.SchemaType.ARRAY))
        .items(OASFactory.createSchema().type(List.of(Schema.SchemaType.STRING)))
        .description(description);
  }
}
