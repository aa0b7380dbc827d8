package dev.ats.web.openapi;

import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import org.eclipse.microprofile.openapi.models.OpenAPI;
import org.eclipse.microprofile.openapi.models.headers.Header;
import org.eclipse.microprofile.openapi.models.media.Content;
import org.eclipse.microprofile.openapi.models.media.Schema;
import org.eclipse.microprofile.openapi.models.responses.APIResponse;

/** Walks the schemas of an OpenAPI model: every one, or those a piece of it refers to. */
final class Schemas {

  private static final String PREFIX = "#/components/schemas/";

  private Schemas() {}

  /** Applies {@code action} to every schema of the document, nested ones included. */
  static void forEach(OpenAPI api, Consumer<Schema> action) {
    Set<Schema> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    Consumer<Schema> walk = schema -> walk(schema, action, seen);
    if (api.getComponents() != null) {
      if (api.getComponents().getSchemas() != null) {
        api.getComponents().getSchemas().values().forEach(walk);
      }
      if (api.getComponents().getResponses() != null) {
        api.getComponents().getResponses().values().forEach(r -> response(r, walk));
      }
    }
    ApiDocument.operations(
        api,
        (where, operation) -> {
          if (operation.getParameters() != null) {
            operation.getParameters().forEach(p -> walk.accept(p.getSchema()));
          }
          if (operation.getRequestBody() != null) {
            content(operation.getRequestBody().getContent(), walk);
          }
          if (operation.getResponses() != null
              && operation.getResponses().getAPIResponses() != null) {
            operation.getResponses().getAPIResponses().values().forEach(r -> response(r, walk));
          }
        });
  }

  /** Adds to {@code names} every component schema that {@code content} refers to, transitively. */
  static void referenced(OpenAPI api, Content content, Set<String> names) {
    content(content, schema -> referenced(api, schema, names));
  }

  static void referenced(OpenAPI api, Schema schema, Set<String> names) {
    Set<Schema> seen = Collections.newSetFromMap(new IdentityHashMap<>());
    List<Schema> todo = new ArrayList<>();
    todo.add(schema);
    while (!todo.isEmpty()) {
      Schema next = todo.remove(todo.size() - 1);
      walk(
          next,
          s -> {
            String ref = s.getRef();
            if (ref != null && ref.startsWith(PREFIX)) {
              String name = ref.substring(PREFIX.length());
              Schema named = api.getComponents().getSchemas().get(name);
              if (names.add(name) && named != null) {
                todo.add(named);
              }
            }
          },
          seen);
    }
  }

  private static void response(APIResponse response, Consumer<Schema> walk) {
    if (response == null) {
      return;
    }
    content(response.getContent(), walk);
    if (response.getHeaders() != null) {
      for (Header header : response.getHeaders().values()) {
        walk.accept(header.getSchema());
      }
    }
  }

  private static void content(Content content, Consumer<Schema> walk) {
    if (content == null || content.getMediaTypes() == null) {
      return;
    }
    content.getMediaTypes().values().forEach(m -> walk.accept(m.getSchema()));
  }

  private static void walk(Schema schema, Consumer<Schema> action, Set<Schema> seen) {
    if (schema == null || !seen.add(schema)) {
      return;
    }
    action.accept(schema);
    if (schema.getProperties() != null) {
      for (Map.Entry<String, Schema> property : schema.getProperties().entrySet()) {
        walk(property.getValue(), action, seen);
      }
    }
    walk(schema.getItems(), action, seen);
    walk(schema.getAdditionalPropertiesSchema(), action, seen);
    walk(schema.getNot(), action, seen);
    for (List<Schema> list :
        List.of(of(schema.getAllOf()), of(schema.getAnyOf()), of(schema.getOneOf()))) {
      list.forEach(s -> walk(s, action, seen));
    }
  }

  private static List<Schema> of(List<Schema> list) {
    return list == null ? List.of() : list;
  }
}
