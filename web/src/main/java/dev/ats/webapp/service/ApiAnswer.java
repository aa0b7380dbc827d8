package dev.ats.webapp.service;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** One answer of the gateway: status, the headers this application reads, and the JSON body. */
public record ApiAnswer(int status, Map<String, String> headers, JsonNode body) {

  public boolean ok() {
    return status >= 200 && status < 300;
  }

  public Optional<String> header(String name) {
    return Optional.ofNullable(headers.get(name.toLowerCase(java.util.Locale.ROOT)));
  }

  /** The problem's {@code detail} (or its title), for a message next to the form. */
  public String problemDetail() {
    JsonNode detail = body.path("detail");
    if (detail.isTextual() && !detail.asText().isBlank()) {
      return detail.asText();
    }
    return body.path("title").asText("The request failed (" + status + ")");
  }

  /** The problem's violations, field path → message (the first message of each field). */
  public Map<String, String> violations() {
    Map<String, String> violations = new LinkedHashMap<>();
    for (JsonNode v : body.path("violations")) {
      violations.putIfAbsent(v.path("field").asText(""), v.path("message").asText("is invalid"));
    }
    return violations;
  }

  static ApiAnswer failed(int status, String detail) {
    com.fasterxml.jackson.databind.node.ObjectNode body =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    body.put("title", detail).put("detail", detail).put("status", status);
    return new ApiAnswer(status, Map.of(), body);
  }

  static JsonNode empty() {
    return MissingNode.getInstance();
  }
}
