package dev.ats.infra.test;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The rules every service's OpenAPI document keeps, so that the gateway can merge the three and a
 * generated client can trust them. A service's OpenApiTest reads its {@code /q/openapi?format=json}
 * and calls {@link #assertTrustworthy}, then {@link #assertStatuses} for what is specific to it.
 */
public final class ApiDocs {

  private static final Set<String> METHODS =
      Set.of("get", "put", "post", "delete", "patch", "head", "options", "trace");
  private static final Pattern JAVA_NAME =
      Pattern.compile(".*\\d$|JsonNode|ObjectNode|Page[A-Z].*|Instant|LocalDate|UUID|Map.*|List.*");
  private static final Pattern METHOD_NAME = Pattern.compile("[a-z][A-Za-z0-9]*");
  private static final String PROBLEM_JSON = "application/problem+json";

  private ApiDocs() {}

  public static JsonNode parse(String document) {
    try {
      return new ObjectMapper().readTree(document);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * Every operation has an operationId that reads as a method name, unique in the document; every
   * 4xx and 5xx response has {@code application/problem+json} content with a schema; every 2xx
   * content has a schema; every operation has a security requirement naming only the declared
   * schemes ({@code bearer}, {@code applicationToken}); no schema is named after a Java type
   * ({@code JsonNode}, {@code Page…}, {@code Instant}, a trailing digit).
   */
  public static void assertTrustworthy(JsonNode api) {
    List<String> failures = new ArrayList<>();
    Map<String, String> ids = new HashMap<>();
    JsonNode schemes = api.at("/components/securitySchemes");
    if (!Set.copyOf(names(schemes)).equals(Set.of("bearer", "applicationToken"))) {
      failures.add("security schemes are " + names(schemes) + ", not bearer and applicationToken");
    }
    operations(
        api,
        (where, operation) -> {
          String id = operation.path("operationId").asText("");
          if (!METHOD_NAME.matcher(id).matches()) {
            failures.add(where + ": operationId '" + id + "' is not a method name");
          } else if (ids.put(id, where) != null) {
            failures.add(where + ": operationId " + id + " also names " + ids.get(id));
          }
          JsonNode security = operation.path("security");
          if (!security.isArray() || security.isEmpty()) {
            failures.add(where + ": no security requirement");
          }
          for (JsonNode requirement : security) {
            for (String scheme : names(requirement)) {
              if (!schemes.has(scheme)) {
                failures.add(where + ": security names undeclared scheme " + scheme);
              }
            }
          }
          operation
              .path("responses")
              .fields()
              .forEachRemaining(
                  response -> {
                    String status = response.getKey();
                    JsonNode body = resolve(api, response.getValue());
                    if (status.startsWith("4") || status.startsWith("5")) {
                      JsonNode schema = body.at("/content/" + PROBLEM_JSON.replace("/", "~1"));
                      if (schema.path("schema").isMissingNode()) {
                        failures.add(where + " " + status + ": no " + PROBLEM_JSON + " schema");
                      }
                    } else if (status.startsWith("2")) {
                      body.path("content")
                          .fields()
                          .forEachRemaining(
                              media -> {
                                if (media.getValue().path("schema").isMissingNode()) {
                                  failures.add(
                                      where + " " + status + " " + media.getKey() + ": no schema");
                                }
                              });
                    }
                  });
        });
    for (String name : names(api.at("/components/schemas"))) {
      if (JAVA_NAME.matcher(name).matches()) {
        failures.add("schema " + name + " is named after a Java type");
      }
    }
    if (api.toString().contains("#/components/schemas/JsonNode")) {
      failures.add("a schema refers to JsonNode");
    }
    fail(failures);
  }

  /**
   * The operation {@code operationId} declares each of {@code statuses} (e.g. the 409 and 412 it is
   * specific for).
   */
  public static void assertStatuses(JsonNode api, String operationId, String... statuses) {
    List<String> failures = new ArrayList<>();
    boolean[] found = {false};
    operations(
        api,
        (where, operation) -> {
          if (operation.path("operationId").asText("").equals(operationId)) {
            found[0] = true;
            for (String status : statuses) {
              if (!operation.path("responses").has(status)) {
                failures.add(operationId + " (" + where + ") does not declare " + status);
              }
            }
          }
        });
    if (!found[0]) {
      failures.add("no operation " + operationId);
    }
    fail(failures);
  }

  /** The operation with this id. */
  public static JsonNode operation(JsonNode api, String operationId) {
    JsonNode[] found = {null};
    operations(
        api,
        (where, operation) -> {
          if (operation.path("operationId").asText("").equals(operationId)) {
            found[0] = operation;
          }
        });
    if (found[0] == null) {
      throw new AssertionError("no operation " + operationId);
    }
    return found[0];
  }

  /** {@code response}, or the component response its {@code $ref} names. */
  public static JsonNode resolve(JsonNode api, JsonNode response) {
    String ref = response.path("$ref").asText("");
    return ref.startsWith("#/") ? api.at(ref.substring(1)) : response;
  }

  private interface OperationVisitor {
    void visit(String where, JsonNode operation);
  }

  private static void operations(JsonNode api, OperationVisitor visitor) {
    api.path("paths")
        .fields()
        .forEachRemaining(
            path ->
                path.getValue()
                    .fields()
                    .forEachRemaining(
                        method -> {
                          if (METHODS.contains(method.getKey())) {
                            visitor.visit(
                                method.getKey().toUpperCase() + " " + path.getKey(),
                                method.getValue());
                          }
                        }));
  }

  private static List<String> names(JsonNode object) {
    List<String> names = new ArrayList<>();
    for (Iterator<String> it = object.fieldNames(); it.hasNext(); ) {
      names.add(it.next());
    }
    return names;
  }

  private static void fail(List<String> failures) {
    if (!failures.isEmpty()) {
      throw new AssertionError(
          "The OpenAPI document breaks "
              + failures.size()
              + " rule(s):\n  "
              + String.join("\n  ", failures));
    }
  }
}
