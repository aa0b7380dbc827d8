package dev.ats.system;

import com.atlassian.oai.validator.OpenApiInteractionValidator;
import com.atlassian.oai.validator.report.LevelResolver;
import com.atlassian.oai.validator.report.ValidationReport;
import com.atlassian.oai.validator.restassured.RestAssuredRequest;
import com.atlassian.oai.validator.restassured.RestAssuredResponse;
import com.fasterxml.jackson.databind.JsonNode;
import io.restassured.filter.Filter;
import io.restassured.filter.FilterContext;
import io.restassured.response.Response;
import io.restassured.specification.FilterableRequestSpecification;
import io.restassured.specification.FilterableResponseSpecification;
import java.net.URI;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.regex.Pattern;

/**
 * Checks every answer that passes through it against the merged OpenAPI document (swagger-request
 * -validator: status declared, body valid against its schema, content type declared), and that
 * every {@code Location} names the gateway; records which operation answered with which status.
 * Requests are not validated (the test sends invalid ones on purpose), except that each must name a
 * documented operation.
 */
final class ContractRecorder implements Filter {

  private static final List<String> METHODS = List.of("get", "put", "post", "delete", "patch");

  /** One documented operation: its method, path template and the statuses it declares. */
  record Operation(
      String method, String template, Pattern pattern, String id, Set<String> declared) {
    String key() {
      return method.toUpperCase(Locale.ROOT) + " " + template;
    }
  }

  private final OpenApiInteractionValidator validator;
  private final List<Operation> operations = new ArrayList<>();
  private final String gateway;
  private final Map<String, Set<String>> observed = new TreeMap<>();
  private final List<String> violations = new CopyOnWriteArrayList<>();
  private int responses;

  ContractRecorder(String documentJson, JsonNode document, String gateway) {
    this.gateway = gateway;
    this.validator =
        OpenApiInteractionValidator.createForInlineApiSpecification(documentJson)
            // Judge any allOf as one merged shape, so that refusing undeclared members does not
            // refuse one part's members in another (the problem schemas are written out whole).
            .withResolveCombinators(true)
            .withLevelResolver(
                LevelResolver.create()
                    // The test sends invalid requests on purpose: only their answers are judged.
                    .withLevel("validation.request", ValidationReport.Level.IGNORE)
                    .withLevel("validation.request.path.missing", ValidationReport.Level.ERROR)
                    .withLevel(
                        "validation.request.operation.notAllowed", ValidationReport.Level.ERROR)
                    .withLevel("validation.response", ValidationReport.Level.ERROR)
                    .build())
            .build();
    document
        .path("paths")
        .fields()
        .forEachRemaining(
            path -> {
              for (String method : METHODS) {
                JsonNode op = path.getValue().get(method);
                if (op != null) {
                  Set<String> declared = new TreeSet<>();
                  op.path("responses").fieldNames().forEachRemaining(declared::add);
                  operations.add(
                      new Operation(
                          method,
                          path.getKey(),
                          Pattern.compile(path.getKey().replaceAll("\\{[^}]+}", "[^/]+")),
                          op.path("operationId").asText(method + " " + path.getKey()),
                          declared));
                }
              }
            });
    // Literal segments win over parameters (/roles/{id} vs a hypothetical /roles/mine).
    operations.sort(Comparator.comparingInt(o -> o.template().split("\\{").length));
  }

  @Override
  public Response filter(
      FilterableRequestSpecification request,
      FilterableResponseSpecification responseSpec,
      FilterContext context) {
    Response response = context.next(request, responseSpec);
    String method = request.getMethod().toLowerCase(Locale.ROOT);
    String path = URI.create(request.getURI()).getRawPath();
    String where = method.toUpperCase(Locale.ROOT) + " " + path + " -> " + response.statusCode();
    Operation operation =
        operations.stream()
            .filter(o -> o.method().equals(method) && o.pattern().matcher(path).matches())
            .findFirst()
            .orElse(null);
    synchronized (this) {
      responses++;
      if (operation == null) {
        violations.add(where + ": no documented operation");
      } else {
        observed
            .computeIfAbsent(operation.id(), k -> new TreeSet<>())
            .add(Integer.toString(response.statusCode()));
      }
    }
    ValidationReport report =
        validator.validate(RestAssuredRequest.of(request), RestAssuredResponse.of(response));
    for (ValidationReport.Message message : report.getMessages()) {
      if (message.getLevel() == ValidationReport.Level.ERROR) {
        violations.add(where + ": " + message.getKey() + ": " + message.getMessage());
      }
    }
    String location = response.getHeader("Location");
    if (location != null && !location.startsWith(gateway)) {
      violations.add(where + ": Location " + location + " does not name the gateway " + gateway);
    }
    return response;
  }

  List<String> violations() {
    return List.copyOf(violations);
  }

  synchronized Map<String, Set<String>> observed() {
    return new TreeMap<>(observed);
  }

  synchronized int responses() {
    return responses;
  }

  List<Operation> operations() {
    return List.copyOf(operations);
  }

  /** Operations the run never reached. */
  synchronized List<String> unexercised() {
    return operations.stream()
        .filter(o -> !observed.containsKey(o.id()))
        .map(o -> o.id() + " (" + o.key() + ")")
        .toList();
  }

  /** A table: each operation, the statuses seen and the declared ones never seen. */
  synchronized String summary() {
    StringBuilder out = new StringBuilder();
    int pairs = 0;
    for (Operation o : operations) {
      Set<String> seen = observed.getOrDefault(o.id(), Set.of());
      pairs += seen.size();
      Set<String> notSeen = new TreeSet<>(o.declared());
      notSeen.removeAll(seen);
      out.append(
          String.format(
              "  %-28s %-52s seen %s; declared, not driven %s%n", o.id(), o.key(), seen, notSeen));
    }
    return String.format(
            "contract: %d operations, %d exercised, %d (operation, status) pairs, %d responses"
                + " checked, %d violations%n",
            operations.size(),
            operations.size() - unexercised().size(),
            pairs,
            responses,
            violations.size())
        + out;
  }
}
