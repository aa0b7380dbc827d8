package dev.ats.k8s;

import java.util.List;
import java.util.Map;

/** One rendered Kubernetes object, as plain maps and lists, with small accessors for the tests. */
record Manifest(Map<String, Object> raw) {

  String apiVersion() {
    return (String) raw.get("apiVersion");
  }

  String kind() {
    return (String) raw.get("kind");
  }

  String name() {
    return str(raw, "metadata", "name");
  }

  /** "Deployment/roles-service", for messages. */
  String id() {
    return kind() + "/" + name();
  }

  boolean is(String kind) {
    return kind.equals(kind());
  }

  Object at(String... path) {
    return get(raw, path);
  }

  static Object get(Object root, String... path) {
    Object current = root;
    for (String key : path) {
      if (!(current instanceof Map<?, ?> map)) {
        return null;
      }
      current = map.get(key);
    }
    return current;
  }

  @SuppressWarnings("unchecked")
  static Map<String, Object> map(Object root, String... path) {
    Object value = get(root, path);
    return value instanceof Map<?, ?> ? (Map<String, Object>) value : Map.of();
  }

  @SuppressWarnings("unchecked")
  static List<Object> list(Object root, String... path) {
    Object value = get(root, path);
    return value instanceof List<?> ? (List<Object>) value : List.of();
  }

  static String str(Object root, String... path) {
    Object value = get(root, path);
    return value == null ? null : String.valueOf(value);
  }
}
