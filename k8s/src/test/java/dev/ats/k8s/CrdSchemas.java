package dev.ats.k8s;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.node.ObjectNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Validates custom resources against the openAPIV3Schema of their CRDs, committed under
 * src/test/resources/crd-schemas (see the README there for sources and what is left out): the
 * CloudNativePG objects (Cluster, ScheduledBackup, ObjectStore) and the Prometheus Operator's
 * (ServiceMonitor, PodMonitor, PrometheusRule), for which no Java model is used, and the Strimzi
 * objects, whose v1 schemas also catch fields the v1 API removed, which Strimzi's Java model
 * (shared by v1beta2 and v1) still accepts.
 *
 * <p>Like the API server with strict field validation, a field a schema does not declare is an
 * error: every object schema that lists properties gets {@code additionalProperties: false}, unless
 * it says {@code x-kubernetes-preserve-unknown-fields}.
 */
final class CrdSchemas {

  /** apiVersion + "/" + kind → schema file. */
  static final Map<String, String> SCHEMAS =
      Map.of(
          "postgresql.cnpg.io/v1/Cluster", "postgresql.cnpg.io_v1_Cluster.yaml",
          "postgresql.cnpg.io/v1/ScheduledBackup", "postgresql.cnpg.io_v1_ScheduledBackup.yaml",
          "barmancloud.cnpg.io/v1/ObjectStore", "barmancloud.cnpg.io_v1_ObjectStore.yaml",
          "kafka.strimzi.io/v1/Kafka", "kafka.strimzi.io_v1_Kafka.yaml",
          "kafka.strimzi.io/v1/KafkaNodePool", "kafka.strimzi.io_v1_KafkaNodePool.yaml",
          "kafka.strimzi.io/v1/KafkaTopic", "kafka.strimzi.io_v1_KafkaTopic.yaml",
          "monitoring.coreos.com/v1/ServiceMonitor", "monitoring.coreos.com_v1_ServiceMonitor.yaml",
          "monitoring.coreos.com/v1/PodMonitor", "monitoring.coreos.com_v1_PodMonitor.yaml",
          "monitoring.coreos.com/v1/PrometheusRule",
              "monitoring.coreos.com_v1_PrometheusRule.yaml");

  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
  private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();

  private CrdSchemas() {}

  static boolean covers(Manifest manifest) {
    return SCHEMAS.containsKey(key(manifest));
  }

  /** The validation errors, empty if the object is valid. */
  static List<String> problems(Manifest manifest) {
    Schema schema = LOADED.computeIfAbsent(key(manifest), k -> load(SCHEMAS.get(k)));
    List<Error> errors = schema.validate(YAML.valueToTree(manifest.raw()));
    return errors.stream().map(e -> manifest.id() + ": " + e).toList();
  }

  private static String key(Manifest manifest) {
    return manifest.apiVersion() + "/" + manifest.kind();
  }

  private static Schema load(String file) {
    try (InputStream in =
        Optional.ofNullable(CrdSchemas.class.getResourceAsStream("/crd-schemas/" + file))
            .orElseThrow(() -> new IllegalStateException("Missing schema crd-schemas/" + file))) {
      JsonNode schema = YAML.readTree(in);
      closeObjects(schema);
      return REGISTRY.getSchema(schema);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Kubernetes structural-schema semantics: undeclared fields are not allowed. */
  static void closeObjects(JsonNode node) {
    if (node instanceof ObjectNode object) {
      boolean preserves = object.path("x-kubernetes-preserve-unknown-fields").asBoolean(false);
      if (object.has("properties") && !object.has("additionalProperties") && !preserves) {
        object.put("additionalProperties", false);
      }
      for (JsonNode child : object) {
        closeObjects(child);
      }
    } else if (node != null && node.isArray()) {
      for (JsonNode child : node) {
        closeObjects(child);
      }
    }
  }
}
