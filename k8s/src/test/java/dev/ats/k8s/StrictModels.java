package dev.ats.k8s;

import io.fabric8.kubernetes.api.model.ConfigMap;
import io.fabric8.kubernetes.api.model.Namespace;
import io.fabric8.kubernetes.api.model.Secret;
import io.fabric8.kubernetes.api.model.Service;
import io.fabric8.kubernetes.api.model.ServiceAccount;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.autoscaling.v2.HorizontalPodAutoscaler;
import io.fabric8.kubernetes.api.model.networking.v1.Ingress;
import io.fabric8.kubernetes.api.model.networking.v1.NetworkPolicy;
import io.fabric8.kubernetes.api.model.policy.v1.PodDisruptionBudget;
import io.strimzi.api.kafka.model.kafka.Kafka;
import io.strimzi.api.kafka.model.nodepool.KafkaNodePool;
import io.strimzi.api.kafka.model.topic.KafkaTopic;
import java.util.Map;
import java.util.Optional;
import tools.jackson.databind.DeserializationFeature;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.MapperConfig;
import tools.jackson.databind.introspect.Annotated;
import tools.jackson.databind.introspect.JacksonAnnotationIntrospector;
import tools.jackson.databind.json.JsonMapper;

/**
 * Strict deserialisation of rendered objects into typed models: the fabric8 Kubernetes model (core
 * objects) and Strimzi's api model (Kafka, KafkaNodePool, KafkaTopic).
 *
 * <p>Both models collect unknown fields into {@code additionalProperties} through a
 * {@code @JsonAnySetter}, which would let a misspelt field ({@code readinesProbe}) pass silently.
 * The mapper here ignores every any-setter, so an unknown field fails like in the API server's
 * strict field validation, and it refuses scalar coercion ({@code "3"} for an integer). It does not
 * check required fields, enum values or formats: the models do not carry them.
 */
final class StrictModels {

  /**
   * apiVersion + "/" + kind → model class. A kind missing here fails the test: nothing goes
   * unchecked.
   */
  static final Map<String, Class<?>> MODELS =
      Map.ofEntries(
          Map.entry("v1/Namespace", Namespace.class),
          Map.entry("v1/ServiceAccount", ServiceAccount.class),
          Map.entry("v1/ConfigMap", ConfigMap.class),
          Map.entry("v1/Service", Service.class),
          Map.entry("v1/Secret", Secret.class),
          Map.entry("apps/v1/Deployment", Deployment.class),
          Map.entry("autoscaling/v2/HorizontalPodAutoscaler", HorizontalPodAutoscaler.class),
          Map.entry("policy/v1/PodDisruptionBudget", PodDisruptionBudget.class),
          Map.entry("networking.k8s.io/v1/NetworkPolicy", NetworkPolicy.class),
          Map.entry("networking.k8s.io/v1/Ingress", Ingress.class),
          // Strimzi's v1 API only: v1beta2 is deprecated since 0.49 and no longer served by 1.0.
          Map.entry("kafka.strimzi.io/v1/Kafka", Kafka.class),
          Map.entry("kafka.strimzi.io/v1/KafkaNodePool", KafkaNodePool.class),
          Map.entry("kafka.strimzi.io/v1/KafkaTopic", KafkaTopic.class));

  private static final JsonMapper STRICT =
      JsonMapper.builder()
          .annotationIntrospector(
              new JacksonAnnotationIntrospector() {
                @Override
                public Boolean hasAnySetter(MapperConfig<?> config, Annotated a) {
                  return Boolean.FALSE;
                }
              })
          .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
          .enable(DeserializationFeature.FAIL_ON_NULL_FOR_PRIMITIVES)
          .disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
          .build();

  private StrictModels() {}

  static Optional<Class<?>> modelFor(Manifest manifest) {
    return Optional.ofNullable(MODELS.get(manifest.apiVersion() + "/" + manifest.kind()));
  }

  /** Empty if the object deserialises strictly into its model, else the reason. */
  static Optional<String> problem(Manifest manifest) {
    Class<?> model = modelFor(manifest).orElseThrow();
    try {
      STRICT.convertValue(manifest.raw(), model);
      return Optional.empty();
    } catch (RuntimeException e) {
      return Optional.of(manifest.id() + ": " + e.getMessage());
    }
  }
}
