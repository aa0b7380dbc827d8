package dev.ats.k8s;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The validators must be able to fail: each known mistake below is caught. Without this, a
 * validator that silently accepts everything (fabric8's default, for instance) would make every
 * other test green.
 */
class ValidatorSelfTest {

  private static Manifest one(String yaml) {
    List<Manifest> manifests = Kustomize.parse(yaml);
    assertThat(manifests).hasSize(1);
    return manifests.get(0);
  }

  @Test
  void shouldRejectAMisspeltFieldInADeployment() {
    Manifest deployment =
        one(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: x}
            spec:
              selector: {matchLabels: {app: x}}
              template:
                metadata: {labels: {app: x}}
                spec:
                  containers:
                    - name: x
                      image: x:1
                      readinesProbe: {httpGet: {path: /q/health/ready, port: 8080}}
            """);
    assertThat(StrictModels.problem(deployment))
        .hasValueSatisfying(p -> assertThat(p).contains("readinesProbe"));
  }

  @Test
  void shouldRejectAStringWhereTheModelWantsANumber() {
    Manifest hpa =
        one(
            """
            apiVersion: autoscaling/v2
            kind: HorizontalPodAutoscaler
            metadata: {name: x}
            spec:
              scaleTargetRef: {apiVersion: apps/v1, kind: Deployment, name: x}
              minReplicas: "2"
              maxReplicas: 3
            """);
    assertThat(StrictModels.problem(hpa)).isPresent();
  }

  @Test
  void shouldAcceptAValidDeployment() {
    Manifest deployment =
        one(
            """
            apiVersion: apps/v1
            kind: Deployment
            metadata: {name: x}
            spec:
              selector: {matchLabels: {app: x}}
              template:
                metadata: {labels: {app: x}}
                spec:
                  containers:
                    - name: x
                      image: x:1
                      readinessProbe: {httpGet: {path: /q/health/ready, port: http}}
                      resources: {limits: {cpu: "1", memory: 512Mi}}
            """);
    assertThat(StrictModels.problem(deployment)).isEmpty();
  }

  @Test
  void shouldRejectAMisspeltFieldInAStrimziKafkaTopic() {
    Manifest topic =
        one(
            """
            apiVersion: kafka.strimzi.io/v1
            kind: KafkaTopic
            metadata: {name: t, labels: {strimzi.io/cluster: c}}
            spec:
              partitions: 3
              replica: 3
            """);
    assertThat(StrictModels.problem(topic))
        .hasValueSatisfying(p -> assertThat(p).contains("replica"));
    assertThat(CrdSchemas.problems(topic)).anySatisfy(p -> assertThat(p).contains("replica"));
  }

  @Test
  void shouldRejectAFieldThatStrimzisV1ApiRemovedThoughTheJavaModelKeepsIt() {
    // v1beta2 let the Kafka resource size its brokers itself; v1 wants node pools for that.
    Manifest kafka =
        one(
            """
            apiVersion: kafka.strimzi.io/v1
            kind: Kafka
            metadata: {name: k}
            spec:
              kafka:
                listeners: [{name: plain, port: 9092, type: internal, tls: false}]
                resources: {requests: {cpu: 100m}}
            """);
    assertThat(CrdSchemas.problems(kafka)).anySatisfy(p -> assertThat(p).contains("resources"));
  }

  @Test
  void shouldRejectAMisspeltServiceMonitorFieldAndARuleWithoutExpression() {
    Manifest monitor =
        one(
            """
            apiVersion: monitoring.coreos.com/v1
            kind: ServiceMonitor
            metadata: {name: m}
            spec:
              selector: {matchLabels: {app: a}}
              endpoints: [{port: http, paht: /q/metrics}]
            """);
    Manifest rules =
        one(
            """
            apiVersion: monitoring.coreos.com/v1
            kind: PrometheusRule
            metadata: {name: r}
            spec:
              groups: [{name: g, rules: [{alert: A, for: 5m}]}]
            """);
    assertThat(CrdSchemas.problems(monitor)).anySatisfy(p -> assertThat(p).contains("paht"));
    assertThat(CrdSchemas.problems(rules)).anySatisfy(p -> assertThat(p).contains("expr"));
  }

  @Test
  void shouldRejectAnUnknownFieldInACloudNativePgCluster() {
    Manifest cluster =
        one(
            """
            apiVersion: postgresql.cnpg.io/v1
            kind: Cluster
            metadata: {name: db}
            spec:
              instances: 1
              storage: {size: 1Gi, sizee: 2Gi}
            """);
    assertThat(CrdSchemas.problems(cluster)).anySatisfy(p -> assertThat(p).contains("sizee"));
  }

  @Test
  void shouldRejectABadEnumAndAMissingRequiredFieldInAScheduledBackup() {
    Manifest backup =
        one(
            """
            apiVersion: postgresql.cnpg.io/v1
            kind: ScheduledBackup
            metadata: {name: b}
            spec:
              method: pluginn
              cluster: {name: db}
            """);
    assertThat(CrdSchemas.problems(backup))
        .anySatisfy(p -> assertThat(p).contains("method"))
        .anySatisfy(p -> assertThat(p).contains("schedule"));
  }
}
