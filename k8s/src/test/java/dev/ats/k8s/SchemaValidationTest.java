package dev.ats.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/**
 * Every object an overlay renders is valid: core and Strimzi objects deserialise strictly into
 * their typed models (StrictModels); CloudNativePG, Strimzi and Prometheus Operator objects
 * validate against their CRD schemas (CrdSchemas). An object of any other kind fails: nothing is
 * applied unchecked.
 */
class SchemaValidationTest {

  static final List<String> overlays = Kustomize.OVERLAYS;

  @ParameterizedTest(name = "{0}")
  @FieldSource("overlays")
  void shouldRenderOnlyKindsThatAreValidated(String overlay) {
    List<String> unchecked = new ArrayList<>();
    for (Manifest m : Kustomize.render(overlay)) {
      if (StrictModels.modelFor(m).isEmpty() && !CrdSchemas.covers(m)) {
        unchecked.add(m.apiVersion() + " " + m.id());
      }
    }
    assertThat(unchecked)
        .as("kinds with neither a model in StrictModels nor a schema in CrdSchemas")
        .isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("overlays")
  void shouldDeserialiseCoreAndStrimziObjectsStrictly(String overlay) {
    List<Manifest> manifests = Kustomize.render(overlay);
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Manifest m : manifests) {
      if (StrictModels.modelFor(m).isPresent()) {
        checked++;
        StrictModels.problem(m).ifPresent(problems::add);
      }
    }
    assertThat(problems).isEmpty();
    assertThat(checked).as("objects checked against a typed model").isGreaterThan(30);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("overlays")
  void shouldMatchTheCrdSchemasOfCloudNativePgStrimziAndThePrometheusOperator(String overlay) {
    List<String> problems = new ArrayList<>();
    int checked = 0;
    for (Manifest m : Kustomize.render(overlay)) {
      if (CrdSchemas.covers(m)) {
        checked++;
        problems.addAll(CrdSchemas.problems(m));
      }
    }
    assertThat(problems).isEmpty();
    // 3 CNPG clusters + their backups, Kafka, a node pool, 5 topics, 4 ServiceMonitors, 2
    // PodMonitors, rules.
    assertThat(checked).as("custom resources checked against their CRD schema").isGreaterThan(15);
  }
}
