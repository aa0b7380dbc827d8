package dev.ats.gateway.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The one OpenAPI document of the API as callers of the gateway see it, made from the services'
 * documents: their paths side by side, their components once (definitions of one shape under one
 * name are one, the first service's words kept; different shapes under one name are a defect and
 * fail the merge), the gateway as the only server, one {@value #BEARER} scheme and one {@value
 * #APPLICATION_TOKEN} scheme, and on every operation the answers only the gateway gives (401 for a
 * bad token, 429, 413, 502/503/504, …) as problems. Pure: no I/O; the gateway serves its result at
 * {@code /openapi}, and the TypeScript client's build runs the same code on the documents the
 * services stored at build time ({@link OpenApiMergeMain}).
 */
public final class OpenApiMerge {

  public static final String BEARER = "bearer";
  public static final String APPLICATION_TOKEN = "applicationToken";
  public static final String APPLICATION_TOKEN_HEADER = "X-Application-Token";
  static final String PROBLEM = "Problem";
  static final String PROBLEM_JSON = "application/problem+json";

  private static final JsonNodeFactory JSON = JsonNodeFactory.instance;
  private static final List<String> METHODS =
      List.of("get", "put", "post", "delete", "options", "head", "patch", "trace");

  /** Component sections merged by name (securitySchemes are replaced by the gateway's two). */
  private static final List<String> SECTIONS =
      List.of(
          "schemas",
          "responses",
          "parameters",
          "examples",
          "requestBodies",
          "headers",
          "links",
          "callbacks",
          "pathItems");

  /**
   * The answers the gateway itself may give to any operation, as reusable responses named {@code
   * Gateway<Reason>}; an operation that already declares the status keeps its own.
   */
  private record GatewayAnswer(String status, String name, String description, boolean always) {}

  private static final List<GatewayAnswer> GATEWAY_ANSWERS =
      List.of(
          new GatewayAnswer(
              "400",
              "GatewayInvalidPath",
              "The path is ambiguous (dot or empty segments, encoded `/`, `\\` or `.`, or `;`)",
              true),
          new GatewayAnswer(
              "401",
              "GatewayUnauthorized",
              "A token is needed and none was sent, or the token sent is not valid (bad signature,"
                  + " expired, another issuer): an invalid token is refused on every operation,"
                  + " even those open to anonymous callers",
              true),
          new GatewayAnswer(
              "413",
              "GatewayContentTooLarge",
              "The request body is over the gateway's limit",
              false),
          new GatewayAnswer(
              "429",
              "GatewayRateLimited",
              "The caller's rate limit is spent; retry after `Retry-After` seconds",
              true),
          new GatewayAnswer(
              "502", "GatewayBadGateway", "The service behind the gateway cannot be reached", true),
          new GatewayAnswer(
              "503",
              "GatewayServiceUnavailable",
              "The service behind the gateway is temporarily unavailable",
              true),
          new GatewayAnswer(
              "504",
              "GatewayTimeout",
              "The service behind the gateway did not answer in time",
              true));

  private OpenApiMerge() {}

  /**
   * Merges the services' documents, in the order given (their names appear in failures only).
   *
   * @throws IllegalStateException when two documents define one path, one operation id, or one
   *     component name with different content, or use a security scheme the gateway does not know
   */
  public static ObjectNode merge(Map<String, ? extends JsonNode> documents) {
    ObjectNode merged = JSON.objectNode();
    merged.put("openapi", openApiVersion(documents));
    merged.set("info", info());
    merged.set(
        "servers",
        JSON.arrayNode()
            .add(
                JSON.objectNode()
                    .put("url", "/")
                    .put("description", "the api-gateway (the only public origin)")));
    ObjectNode paths = merged.putObject("paths");
    Map<String, String> tagDescriptions = new LinkedHashMap<>();
    ObjectNode components = JSON.objectNode();
    Map<String, String> componentOwners = new TreeMap<>();
    Map<String, String> operationIds = new TreeMap<>();

    for (var entry : documents.entrySet()) {
      String service = entry.getKey();
      ObjectNode doc = entry.getValue().deepCopy();
      Map<String, String> schemeNames = schemeNames(service, doc);
      JsonNode defaultSecurity = doc.path("security");
      doc.path("tags")
          .forEach(
              tag ->
                  tagDescriptions.putIfAbsent(
                      tag.path("name").asText(), tag.path("description").asText(null)));
      for (var path : fields(doc.path("paths"))) {
        if (paths.has(path.getKey())) {
          throw new IllegalStateException(
              "path " + path.getKey() + " is defined by two services (one is " + service + ")");
        }
        ObjectNode item = (ObjectNode) path.getValue();
        for (String method : METHODS) {
          if (item.get(method) instanceof ObjectNode operation) {
            String id = operation.path("operationId").asText(null);
            if (id != null) {
              String before = operationIds.putIfAbsent(id, service + " " + path.getKey());
              if (before != null) {
                throw new IllegalStateException(
                    "operationId "
                        + id
                        + " is used twice: "
                        + before
                        + " and "
                        + service
                        + " "
                        + path.getKey());
              }
            }
            security(operation, defaultSecurity, schemeNames);
          }
        }
        paths.set(path.getKey(), item);
      }
      for (String section : SECTIONS) {
        for (var component : fields(doc.path("components").path(section))) {
          String key = section + "/" + component.getKey();
          ObjectNode target = components.with(section);
          JsonNode existing = target.get(component.getKey());
          if (existing == null) {
            target.set(component.getKey(), component.getValue());
            componentOwners.put(key, service);
          } else if (!shape(existing).equals(shape(component.getValue()))) {
            throw new IllegalStateException(
                "components/"
                    + key
                    + " differs between "
                    + componentOwners.get(key)
                    + " and "
                    + service
                    + ": give one of them another name, or make them the same");
          }
        }
      }
    }

    ObjectNode schemas = components.with("schemas");
    if (!schemas.has(PROBLEM)) {
      schemas.set(PROBLEM, problemSchema());
    }
    Set<String> used = new java.util.TreeSet<>();
    for (var path : fields(paths)) {
      for (String method : METHODS) {
        if (path.getValue().get(method) instanceof ObjectNode operation) {
          addGatewayAnswers(operation, used);
        }
      }
    }
    ObjectNode responses = components.with("responses");
    for (GatewayAnswer answer : GATEWAY_ANSWERS) {
      if (responses.has(answer.name())) {
        throw new IllegalStateException(
            "components/responses/" + answer.name() + " is the gateway's name; rename it");
      }
      if (used.contains(answer.name())) {
        responses.set(answer.name(), gatewayResponse(answer));
      }
    }
    components.set("securitySchemes", securitySchemes());
    sortSections(components);
    if (!tagDescriptions.isEmpty()) {
      ArrayNode tags = merged.putArray("tags");
      tagDescriptions.forEach(
          (name, description) -> {
            ObjectNode tag = tags.addObject().put("name", name);
            if (description != null) {
              tag.put("description", description);
            }
          });
    }
    merged.set("components", components);
    return merged;
  }

  /** Words for readers only: two definitions that differ in nothing else are one shape. */
  private static final Set<String> DOCUMENTATION =
      Set.of("description", "example", "examples", "title", "externalDocs", "summary");

  /** The definition without its documentation, at every depth (property names are kept). */
  static JsonNode shape(JsonNode node) {
    if (node.isObject()) {
      ObjectNode copy = JSON.objectNode();
      node.fields()
          .forEachRemaining(
              e -> {
                boolean propertyNames = "properties".equals(e.getKey());
                if (propertyNames && e.getValue().isObject()) {
                  ObjectNode properties = copy.putObject("properties");
                  e.getValue()
                      .fields()
                      .forEachRemaining(p -> properties.set(p.getKey(), shape(p.getValue())));
                } else if (!DOCUMENTATION.contains(e.getKey())) {
                  copy.set(e.getKey(), shape(e.getValue()));
                }
              });
      return copy;
    }
    if (node.isArray()) {
      ArrayNode copy = JSON.arrayNode();
      node.forEach(n -> copy.add(shape(n)));
      return copy;
    }
    return node;
  }

  private static String openApiVersion(Map<String, ? extends JsonNode> documents) {
    Set<String> versions =
        new java.util.TreeSet<>(
            documents.values().stream().map(d -> d.path("openapi").asText("3.1.0")).toList());
    if (versions.size() > 1) {
      throw new IllegalStateException("the services use different OpenAPI versions: " + versions);
    }
    return versions.isEmpty() ? "3.1.0" : versions.iterator().next();
  }

  private static ObjectNode info() {
    return JSON.objectNode()
        .put("title", "ATS API")
        .put("version", "1.0")
        .put(
            "description",
            "The applicant tracking system's public API, served by the api-gateway: roles,"
                + " applications and candidates, notifications. Every error is"
                + " `application/problem+json` (RFC 9457). Anonymous callers may list and read open"
                + " roles and submit applications; the candidate reads or withdraws an application"
                + " with its `X-Application-Token`; everything else needs a bearer token.");
  }

  /**
   * How each scheme name a service declares maps to the gateway's two: any HTTP bearer scheme is
   * {@value #BEARER}, an API key in the {@value #APPLICATION_TOKEN_HEADER} header is {@value
   * #APPLICATION_TOKEN}.
   */
  private static Map<String, String> schemeNames(String service, JsonNode doc) {
    Map<String, String> names = new LinkedHashMap<>();
    for (var scheme : fields(doc.path("components").path("securitySchemes"))) {
      JsonNode s = scheme.getValue();
      if ("http".equals(s.path("type").asText())
              && "bearer".equalsIgnoreCase(s.path("scheme").asText())
          || "openIdConnect".equals(s.path("type").asText())
          || "oauth2".equals(s.path("type").asText())) {
        names.put(scheme.getKey(), BEARER);
      } else if ("apiKey".equals(s.path("type").asText())
          && "header".equals(s.path("in").asText())
          && APPLICATION_TOKEN_HEADER.equalsIgnoreCase(s.path("name").asText())) {
        names.put(scheme.getKey(), APPLICATION_TOKEN);
      } else {
        throw new IllegalStateException(
            service
                + " declares security scheme "
                + scheme.getKey()
                + " the gateway does not know");
      }
    }
    return names;
  }

  /** The operation's own requirements, else its document's, in the gateway's scheme names. */
  private static void security(
      ObjectNode operation, JsonNode defaultSecurity, Map<String, String> schemeNames) {
    JsonNode requirements = operation.has("security") ? operation.get("security") : defaultSecurity;
    if (!requirements.isArray()) {
      return;
    }
    ArrayNode renamed = JSON.arrayNode();
    for (JsonNode requirement : requirements) {
      ObjectNode r = JSON.objectNode();
      for (var scheme : fields(requirement)) {
        String name = schemeNames.get(scheme.getKey());
        if (name == null) {
          throw new IllegalStateException(
              "operation "
                  + operation.path("operationId").asText("?")
                  + " names undeclared scheme "
                  + scheme.getKey());
        }
        r.set(name, scheme.getValue());
      }
      if (!contains(renamed, r)) {
        renamed.add(r);
      }
    }
    operation.set("security", renamed);
  }

  private static boolean contains(ArrayNode array, JsonNode node) {
    for (JsonNode n : array) {
      if (n.equals(node)) {
        return true;
      }
    }
    return false;
  }

  private static ObjectNode securitySchemes() {
    ObjectNode schemes = JSON.objectNode();
    schemes
        .putObject(BEARER)
        .put("type", "http")
        .put("scheme", "bearer")
        .put("bearerFormat", "JWT")
        .put(
            "description",
            "RS256 JWT whose groups claim holds recruiter, hiring-manager or integration;"
                + " locally: ./ats token recruiter");
    schemes
        .putObject(APPLICATION_TOKEN)
        .put("type", "apiKey")
        .put("in", "header")
        .put("name", APPLICATION_TOKEN_HEADER)
        .put(
            "description",
            "The access token a candidate gets when submitting: reads or withdraws that one"
                + " application without an account");
    return schemes;
  }

  /** Adds the gateway's answers the operation lacks; {@code used} collects their names. */
  private static void addGatewayAnswers(ObjectNode operation, Set<String> used) {
    ObjectNode responses = operation.with("responses");
    boolean hasBody = operation.has("requestBody");
    for (GatewayAnswer answer : GATEWAY_ANSWERS) {
      if ((answer.always() || hasBody) && !responses.has(answer.status())) {
        responses.putObject(answer.status()).put("$ref", "#/components/responses/" + answer.name());
        used.add(answer.name());
      }
    }
    if (requiresBearer(operation) && !responses.has("403")) {
      responses
          .putObject("403")
          .put("description", "The token's groups do not allow this operation")
          .set("content", problemContent());
    }
    sortByKey(responses);
  }

  /** Only a bearer token is accepted (no anonymous or application-token alternative). */
  private static boolean requiresBearer(ObjectNode operation) {
    JsonNode security = operation.path("security");
    if (!security.isArray() || security.isEmpty()) {
      return false;
    }
    for (JsonNode requirement : security) {
      if (!requirement.has(BEARER)) {
        return false;
      }
    }
    return true;
  }

  private static ObjectNode gatewayResponse(GatewayAnswer answer) {
    ObjectNode response = JSON.objectNode().put("description", answer.description());
    if ("429".equals(answer.status())) {
      response
          .putObject("headers")
          .putObject("Retry-After")
          .put("description", "Seconds until the next request would be allowed")
          .put("required", true)
          .putObject("schema")
          .put("type", "integer")
          .put("minimum", 0);
    }
    if ("401".equals(answer.status())) {
      response
          .with("headers")
          .putObject("WWW-Authenticate")
          .put("description", "`Bearer`, with the reason when a token was refused")
          .putObject("schema")
          .put("type", "string");
    }
    response.set("content", problemContent());
    return response;
  }

  private static ObjectNode problemContent() {
    ObjectNode content = JSON.objectNode();
    content.putObject(PROBLEM_JSON).putObject("schema").put("$ref", "#/components/schemas/Problem");
    return content;
  }

  /** The problem shape every process answers with ({@code dev.ats.web.error.Problem}). */
  static ObjectNode problemSchema() {
    ObjectNode schema = JSON.objectNode().put("type", "object");
    schema.put("description", "RFC 9457 problem details");
    ObjectNode properties = schema.putObject("properties");
    properties.putObject("type").put("type", "string").put("format", "uri");
    properties.putObject("title").put("type", "string");
    properties.putObject("status").put("type", "integer").put("format", "int32");
    properties.putObject("detail").put("type", "string");
    properties.putObject("instance").put("type", "string");
    properties.putObject("requestId").put("type", "string");
    schema.putArray("required").add("type").add("title").add("status");
    return schema;
  }

  private static void sortSections(ObjectNode components) {
    List<String> empty = new ArrayList<>();
    components
        .fieldNames()
        .forEachRemaining(
            name -> {
              if (components.get(name).isEmpty()) {
                empty.add(name);
              }
            });
    empty.forEach(components::remove);
    components.forEach(section -> sortByKey((ObjectNode) section));
  }

  private static void sortByKey(ObjectNode node) {
    Map<String, JsonNode> sorted = new TreeMap<>();
    node.fields().forEachRemaining(e -> sorted.put(e.getKey(), e.getValue()));
    node.removeAll();
    node.setAll(sorted);
  }

  private static Iterable<Map.Entry<String, JsonNode>> fields(JsonNode node) {
    Iterator<Map.Entry<String, JsonNode>> it =
        node.isObject() ? node.fields() : java.util.Collections.emptyIterator();
    List<Map.Entry<String, JsonNode>> list = new ArrayList<>();
    it.forEachRemaining(list::add);
    return list;
  }
}
