package dev.ats.k8s;

import static dev.ats.k8s.Manifest.get;
import static dev.ats.k8s.Manifest.list;
import static dev.ats.k8s.Manifest.map;
import static dev.ats.k8s.Manifest.str;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.FieldSource;

/** The operating rules every rendered overlay must follow (k8s/README.md, "What CI checks"). */
class PolicyTest {

  static final List<String> overlays = Kustomize.OVERLAYS;

  /** Prometheus, the one peer admitted from the monitoring namespace (to metrics ports only). */
  static final String PROMETHEUS =
      "namespace{kubernetes.io/metadata.name=monitoring} pod{app.kubernetes.io/name=prometheus}";

  /** Who may call each Service: the only ingress peers its NetworkPolicies may admit. */
  static final Map<String, Set<String>> CALLERS =
      Map.of(
          "api-gateway",
          Set.of(
              "namespace{kubernetes.io/metadata.name=ingress-nginx} pod{app.kubernetes.io/name=ingress-nginx}",
              "pod{app.kubernetes.io/name=web}",
              PROMETHEUS),
          "web",
          Set.of("pod{app.kubernetes.io/name=api-gateway}", PROMETHEUS),
          "roles-service",
          Set.of("pod{app.kubernetes.io/name=api-gateway}", PROMETHEUS),
          "applications-service",
          Set.of("pod{app.kubernetes.io/name=api-gateway}", PROMETHEUS),
          "notifications-service",
          Set.of("pod{app.kubernetes.io/name=api-gateway}", PROMETHEUS));

  /** The one port the monitoring namespace may reach, by the pods' labels. */
  static final Map<String, Object> METRICS_PORTS =
      Map.of(
          "api-gateway", 8080,
          "roles-service", 8081,
          "applications-service", 8082,
          "notifications-service", 8083,
          "web", 8084,
          "roles-db", 9187,
          "applications-db", 9187,
          "notifications-db", 9187,
          "ats-kafka", 9404);

  /**
   * Secrets the operator creates (README "Secrets"); any other referenced Secret must be generated.
   */
  static final Set<String> OPERATOR_SECRETS =
      Set.of(
          "ats-jwt-public-key",
          "notifications-smtp",
          "ats-backup-s3",
          "ats-tls",
          "ats-web-session",
          "ats-web-oidc");

  // --- containers and pods ---

  @ParameterizedTest(name = "{0}")
  @FieldSource("overlays")
  void shouldGiveEveryContainerProbesResourcesAndALockedDownSecurityContext(String overlay) {
    List<String> problems = new ArrayList<>();
    for (Manifest deployment : of(overlay, "Deployment")) {
      Map<String, Object> pod = map(deployment.raw(), "spec", "template", "spec");
      String id = deployment.id();
      if (!"true".equals(str(pod, "securityContext", "runAsNonRoot"))) {
        problems.add(id + ": pod securityContext.runAsNonRoot is not true");
      }
      if (!"RuntimeDefault".equals(str(pod, "securityContext", "seccompProfile", "type"))) {
        problems.add(id + ": pod seccompProfile is not RuntimeDefault");
      }
      Object grace = pod.get("terminationGracePeriodSeconds");
      if (!(grace instanceof Integer seconds) || seconds <= 20) {
        problems.add(
            id + ": terminationGracePeriodSeconds must exceed quarkus.shutdown.timeout (20 s)");
      }
      if (!"false".equals(str(pod, "automountServiceAccountToken"))) {
        problems.add(id + ": mounts a service account token it does not need");
      }
      List<Object> containers = new ArrayList<>(list(pod, "containers"));
      containers.addAll(list(pod, "initContainers"));
      for (Object container : containers) {
        String c = id + " container " + str(container, "name");
        for (String[] probe :
            new String[][] {
              {"startupProbe", "/q/health/started"},
              {"readinessProbe", "/q/health/ready"},
              {"livenessProbe", "/q/health/live"}
            }) {
          if (!probe[1].equals(str(container, probe[0], "httpGet", "path"))) {
            problems.add(c + ": " + probe[0] + " is not an HTTP GET on " + probe[1]);
          }
        }
        for (String kind : List.of("requests", "limits")) {
          for (String resource : List.of("cpu", "memory")) {
            if (get(container, "resources", kind, resource) == null) {
              problems.add(c + ": no resources." + kind + "." + resource);
            }
          }
        }
        Map<String, Object> security = map(container, "securityContext");
        if (!"false".equals(str(security, "allowPrivilegeEscalation"))) {
          problems.add(c + ": allowPrivilegeEscalation is not false");
        }
        if (!"true".equals(str(security, "readOnlyRootFilesystem"))) {
          problems.add(c + ": readOnlyRootFilesystem is not true");
        }
        if (!list(security, "capabilities", "drop").contains("ALL")) {
          problems.add(c + ": capabilities.drop lacks ALL");
        }
        if ("false".equals(str(security, "runAsNonRoot"))) {
          problems.add(c + ": runAsNonRoot overridden to false");
        }
        if (!envValue(container, "JAVA_TOOL_OPTIONS").contains("-XX:MaxRAMPercentage=")) {
          problems.add(
              c + ": heap not sized to the container (JAVA_TOOL_OPTIONS -XX:MaxRAMPercentage)");
        }
        boolean tmpIsEmptyDir =
            list(container, "volumeMounts").stream()
                .filter(m -> "/tmp".equals(str(m, "mountPath")))
                .anyMatch(
                    m ->
                        list(pod, "volumes").stream()
                            .anyMatch(
                                v ->
                                    str(v, "name").equals(str(m, "name"))
                                        && get(v, "emptyDir") != null));
        if (!tmpIsEmptyDir) {
          problems.add(c + ": /tmp is not an emptyDir (the root filesystem is read-only)");
        }
        String image = str(container, "image");
        if (image == null
            || !image.substring(image.lastIndexOf('/') + 1).matches(".+[:@].+")
            || image.endsWith(":latest")) {
          problems.add(c + ": image " + image + " is not pinned to a tag or digest");
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(of(overlay, "Deployment")).hasSize(5);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("overlays")
  void shouldGiveEveryDeploymentOneServiceAutoscalerAndDisruptionBudget(String overlay) {
    List<String> problems = new ArrayList<>();
    for (Manifest deployment : of(overlay, "Deployment")) {
      Map<String, Object> podLabels =
          map(deployment.raw(), "spec", "template", "metadata", "labels");
      long services =
          of(overlay, "Service").stream()
              .filter(s -> selects(map(s.raw(), "spec", "selector"), podLabels))
              .count();
      long budgets =
          of(overlay, "PodDisruptionBudget").stream()
              .filter(p -> selects(map(p.raw(), "spec", "selector", "matchLabels"), podLabels))
              .count();
      List<Manifest> autoscalers =
          of(overlay, "HorizontalPodAutoscaler").stream()
              .filter(h -> deployment.name().equals(str(h.raw(), "spec", "scaleTargetRef", "name")))
              .toList();
      if (services != 1) {
        problems.add(deployment.id() + ": selected by " + services + " Services, expected 1");
      }
      if (budgets != 1) {
        problems.add(
            deployment.id() + ": covered by " + budgets + " PodDisruptionBudgets, expected 1");
      }
      if (autoscalers.size() != 1) {
        problems.add(deployment.id() + ": scaled by " + autoscalers.size() + " HPAs, expected 1");
      }
      if (deployment.at("spec", "replicas") != null) {
        problems.add(deployment.id() + ": sets spec.replicas, which fights its HPA on every apply");
      }
    }
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("overlays")
  void shouldLockDownTheStrimziContainersToo(String overlay) {
    List<String> problems = new ArrayList<>();
    for (Manifest pool : of(overlay, "KafkaNodePool")) {
      checkLockedDown(
          pool.id() + " kafkaContainer",
          map(pool.raw(), "spec", "template", "kafkaContainer", "securityContext"),
          problems);
    }
    for (Manifest kafka : of(overlay, "Kafka")) {
      checkLockedDown(
          kafka.id() + " kafkaExporter container",
          map(kafka.raw(), "spec", "kafkaExporter", "template", "container", "securityContext"),
          problems);
      checkLockedDown(
          kafka.id() + " topicOperatorContainer",
          map(
              kafka.raw(),
              "spec",
              "entityOperator",
              "template",
              "topicOperatorContainer",
              "securityContext"),
          problems);
    }
    assertThat(problems).isEmpty();
    assertThat(of(overlay, "KafkaNodePool")).isNotEmpty();
  }

  private static void checkLockedDown(
      String what, Map<String, Object> security, List<String> problems) {
    if (!"false".equals(str(security, "allowPrivilegeEscalation"))
        || !"true".equals(str(security, "readOnlyRootFilesystem"))
        || !"true".equals(str(security, "runAsNonRoot"))
        || !list(security, "capabilities", "drop").contains("ALL")) {
      problems.add(what + ": securityContext is not locked down " + security);
    }
  }

  // --- secrets ---

  @ParameterizedTest(name = "{0}")
  @FieldSource("overlays")
  void shouldRenderNoSecret(String overlay) {
    assertThat(of(overlay, "Secret"))
        .as("Secrets are created by operators, never kept in git")
        .isEmpty();
  }

  @Test
  void shouldKeepNoSecretManifestInGit() throws IOException {
    Pattern secret = Pattern.compile("(?m)^kind:\\s*Secret\\s*$");
    List<Path> offenders;
    try (Stream<Path> files = Files.walk(Kustomize.K8S_DIR)) {
      offenders =
          files
              .filter(p -> !p.startsWith(Kustomize.K8S_DIR.resolve("target")))
              .filter(p -> p.toString().endsWith(".yaml") || p.toString().endsWith(".yml"))
              .filter(p -> secret.matcher(read(p)).find())
              .toList();
    }
    assertThat(offenders).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("overlays")
  void shouldReferenceOnlyGeneratedOrDocumentedSecrets(String overlay) {
    Set<String> generated = new TreeSet<>();
    for (Manifest cluster : of(overlay, "Cluster")) {
      generated.add(cluster.name() + "-app");
    }
    Set<String> referenced = new TreeSet<>();
    for (Manifest deployment : of(overlay, "Deployment")) {
      Map<String, Object> pod = map(deployment.raw(), "spec", "template", "spec");
      for (Object container : list(pod, "containers")) {
        for (Object env : list(container, "env")) {
          String name = str(env, "valueFrom", "secretKeyRef", "name");
          if (name != null) {
            referenced.add(name);
          }
        }
      }
      for (Object volume : list(pod, "volumes")) {
        String name = str(volume, "secret", "secretName");
        if (name != null) {
          referenced.add(name);
        }
      }
    }
    for (Manifest store : of(overlay, "ObjectStore")) {
      referenced.add(
          str(store.raw(), "spec", "configuration", "s3Credentials", "accessKeyId", "name"));
    }
    for (Manifest ingress : of(overlay, "Ingress")) {
      for (Object tls : list(ingress.raw(), "spec", "tls")) {
        referenced.add(str(tls, "secretName"));
      }
    }
    referenced.removeAll(generated);
    assertThat(OPERATOR_SECRETS).containsAll(referenced);
  }

  // --- network ---

  @ParameterizedTest(name = "{0}")
  @FieldSource("overlays")
  void shouldDenyAllTrafficByDefault(String overlay) {
    assertThat(of(overlay, "NetworkPolicy"))
        .anySatisfy(
            p -> {
              assertThat(map(p.raw(), "spec", "podSelector")).isEmpty();
              assertThat(list(p.raw(), "spec", "policyTypes")).contains("Ingress", "Egress");
              assertThat(list(p.raw(), "spec", "ingress")).isEmpty();
              assertThat(list(p.raw(), "spec", "egress")).isEmpty();
            });
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("overlays")
  void shouldLetOnlyItsCallersReachEachService(String overlay) {
    List<String> problems = new ArrayList<>();
    for (Manifest service : of(overlay, "Service")) {
      Map<String, Object> podLabels = podLabelsOf(overlay, service);
      Set<String> admitted = new TreeSet<>();
      for (Manifest policy : policiesSelecting(overlay, podLabels)) {
        for (Object rule : list(policy.raw(), "spec", "ingress")) {
          List<Object> from = list(rule, "from");
          if (from.isEmpty()) {
            admitted.add("ANYONE (rule without from) in " + policy.id());
          }
          from.forEach(peer -> admitted.add(describe(peer)));
        }
      }
      Set<String> expected = CALLERS.get(service.name());
      if (expected == null) {
        problems.add(service.id() + ": no expected callers declared in PolicyTest.CALLERS");
      } else if (!admitted.equals(expected)) {
        problems.add(service.id() + ": admits " + admitted + ", expected exactly " + expected);
      }
    }
    assertThat(problems).isEmpty();
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("overlays")
  void shouldLetEachDatabaseBeReachedByItsOwnServiceOnly(String overlay) {
    List<String> problems = new ArrayList<>();
    for (Manifest cluster : of(overlay, "Cluster")) {
      String owner = cluster.name().replaceFirst("-db$", "-service");
      Set<String> appPeers = new TreeSet<>();
      for (Manifest policy :
          policiesSelecting(overlay, Map.of("cnpg.io/cluster", cluster.name()))) {
        for (Object rule : list(policy.raw(), "spec", "ingress")) {
          if (list(rule, "from").isEmpty()) {
            appPeers.add("ANYONE");
          }
          for (Object peer : list(rule, "from")) {
            if (PROMETHEUS.equals(describe(peer))) {
              continue; // the metrics port only:
              // shouldAdmitTheMonitoringNamespaceToMetricsPortsOnly
            }
            String app = str(peer, "podSelector", "matchLabels", "app.kubernetes.io/name");
            if (app != null) {
              appPeers.add(app);
            }
            if (get(peer, "ipBlock") != null) {
              appPeers.add("ipBlock " + str(peer, "ipBlock", "cidr"));
            }
          }
        }
      }
      if (!appPeers.equals(Set.of(owner))) {
        problems.add(cluster.id() + ": reachable by " + appPeers + ", expected only " + owner);
      }
      // And the owner reaches no other service's database.
      for (Manifest policy : policiesSelecting(overlay, Map.of("app.kubernetes.io/name", owner))) {
        for (Object rule : list(policy.raw(), "spec", "egress")) {
          for (Object peer : list(rule, "to")) {
            String db = str(peer, "podSelector", "matchLabels", "cnpg.io/cluster");
            if (db != null && !db.equals(cluster.name())) {
              problems.add(owner + ": may reach the database " + db + " too (" + policy.id() + ")");
            }
          }
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(of(overlay, "Cluster")).hasSize(3);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("overlays")
  void shouldExposeOnlyTheGatewayThroughTheIngress(String overlay) {
    List<String> backends = new ArrayList<>();
    for (Manifest ingress : of(overlay, "Ingress")) {
      for (Object rule : list(ingress.raw(), "spec", "rules")) {
        for (Object path : list(rule, "http", "paths")) {
          backends.add(str(path, "backend", "service", "name"));
        }
      }
    }
    assertThat(backends).isNotEmpty().containsOnly("api-gateway");
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("overlays")
  void shouldAllowLargeBodiesOnlyOnTheUploadPath(String overlay) {
    Map<String, String> limitByPath = new java.util.TreeMap<>();
    for (Manifest ingress : of(overlay, "Ingress")) {
      String limit =
          String.valueOf(
              map(ingress.raw(), "metadata", "annotations")
                  .get("nginx.ingress.kubernetes.io/proxy-body-size"));
      for (Object rule : list(ingress.raw(), "spec", "rules")) {
        for (Object path : list(rule, "http", "paths")) {
          limitByPath.put(str(path, "pathType") + " " + str(path, "path"), limit);
        }
      }
    }
    // The gateway's limits: 1 MiB, and the documents' 10 MiB plus multipart overhead on uploads
    // and on the careers page's form that carries a résumé (POST /careers/{roleId}: the gateway
    // itself keeps 1 MiB on every other /careers request).
    Set<String> uploads = Set.of("Exact /api/v1/documents", "Prefix /careers");
    assertThat(limitByPath)
        .containsEntry("Prefix /", "1m")
        .containsEntry("Exact /api/v1/documents", "11m")
        .containsEntry("Prefix /careers", "11m");
    assertThat(limitByPath.entrySet())
        .filteredOn(e -> !uploads.contains(e.getKey()))
        .allSatisfy(e -> assertThat(e.getValue()).isEqualTo("1m"));
  }

  /**
   * Tracing ships off, ready to turn on with one key: every service's ConfigMap names the collector
   * and a parent-based 10 % sampler, and its NetworkPolicy lets it reach the collector.
   */
  @ParameterizedTest(name = "{0}")
  @FieldSource("overlays")
  void shouldShipTracingOffWithATenPercentSamplerAndARouteToTheCollector(String overlay) {
    Map<String, Map<String, Object>> configs = new java.util.HashMap<>();
    of(overlay, "ConfigMap").forEach(c -> configs.put(c.name(), map(c.raw(), "data")));
    List<String> problems = new ArrayList<>();
    for (Manifest deployment : services(overlay)) {
      Map<String, Object> env = new java.util.HashMap<>();
      for (Object container : list(deployment.raw(), "spec", "template", "spec", "containers")) {
        for (Object from : list(container, "envFrom")) {
          env.putAll(configs.getOrDefault(str(from, "configMapRef", "name"), Map.of()));
        }
      }
      Map<String, Object> expected =
          Map.of(
              "QUARKUS_OTEL_SDK_DISABLED", "true",
              "QUARKUS_OTEL_EXPORTER_OTLP_ENDPOINT", "http://otel-collector.monitoring:4317",
              "QUARKUS_OTEL_TRACES_SAMPLER_ARG", "0.1");
      expected.forEach(
          (key, value) -> {
            if (!value.equals(String.valueOf(env.get(key)))) {
              problems.add(
                  deployment.id() + ": " + key + "=" + env.get(key) + ", expected " + value);
            }
          });
      Map<String, Object> podLabels =
          map(deployment.raw(), "spec", "template", "metadata", "labels");
      boolean reachesCollector =
          policiesSelecting(overlay, podLabels).stream()
              .flatMap(p -> list(p.raw(), "spec", "egress").stream())
              .anyMatch(
                  rule ->
                      list(rule, "to").stream()
                              .map(PolicyTest::describe)
                              .anyMatch(
                                  peer ->
                                      peer.equals(
                                          "namespace{kubernetes.io/metadata.name=monitoring}"
                                              + " pod{app.kubernetes.io/name=opentelemetry-collector}"))
                          && list(rule, "ports").stream()
                              .anyMatch(port -> "4317".equals(str(port, "port"))));
      if (!reachesCollector) {
        problems.add(deployment.id() + ": no egress to the OpenTelemetry Collector on 4317");
      }
    }
    assertThat(problems).isEmpty();
    assertThat(services(overlay)).hasSize(4);
  }

  /** The four services' Deployments (web, the front end, records no traces of its own). */
  private static List<Manifest> services(String overlay) {
    return of(overlay, "Deployment").stream().filter(d -> !d.name().equals("web")).toList();
  }

  // --- wiring ---

  @ParameterizedTest(name = "{0}")
  @FieldSource("overlays")
  void shouldPointEveryServiceAtThingsThatExist(String overlay) {
    List<String> problems = new ArrayList<>();
    Map<String, Map<String, Object>> configs = new java.util.HashMap<>();
    of(overlay, "ConfigMap").forEach(c -> configs.put(c.name(), map(c.raw(), "data")));
    Set<String> kafkaBootstraps = new TreeSet<>();
    for (Manifest kafka : of(overlay, "Kafka")) {
      for (Object listener : list(kafka.raw(), "spec", "kafka", "listeners")) {
        kafkaBootstraps.add(kafka.name() + "-kafka-bootstrap:" + str(listener, "port"));
      }
    }
    Set<String> jdbcUrls = new TreeSet<>();
    for (Manifest cluster : of(overlay, "Cluster")) {
      jdbcUrls.add(
          "jdbc:postgresql://"
              + cluster.name()
              + "-rw:5432/"
              + str(cluster.raw(), "spec", "bootstrap", "initdb", "database"));
    }
    Set<String> serviceUrls = new TreeSet<>();
    for (Manifest service : of(overlay, "Service")) {
      for (Object port : list(service.raw(), "spec", "ports")) {
        serviceUrls.add("http://" + service.name() + ":" + str(port, "port"));
      }
    }
    for (Manifest deployment : of(overlay, "Deployment")) {
      for (Object container : list(deployment.raw(), "spec", "template", "spec", "containers")) {
        for (Object from : list(container, "envFrom")) {
          String name = str(from, "configMapRef", "name");
          Map<String, Object> data = configs.get(name);
          if (data == null) {
            problems.add(deployment.id() + ": ConfigMap " + name + " is not rendered");
            continue;
          }
          data.forEach(
              (key, value) -> {
                String v = String.valueOf(value);
                boolean ok =
                    switch (key) {
                      case "QUARKUS_DATASOURCE_JDBC_URL" -> jdbcUrls.contains(v);
                      case "KAFKA_BOOTSTRAP_SERVERS" -> kafkaBootstraps.contains(v);
                      default -> !key.startsWith("ATS_GATEWAY_ROUTES_") || serviceUrls.contains(v);
                    };
                if (!ok) {
                  problems.add(
                      deployment.id() + ": " + key + "=" + v + " points at nothing rendered");
                }
              });
        }
      }
    }
    assertThat(problems).isEmpty();
  }

  /**
   * The event contract is docs/asyncapi.yaml: every channel is a KafkaTopic (and nothing else is),
   * with the partitions, topic configuration and (in prod) replicas the channel's Kafka binding
   * states.
   */
  @ParameterizedTest(name = "{0}")
  @FieldSource("overlays")
  void shouldDeclareEveryTopicOfTheEventContractAsTheDocumentDescribesIt(String overlay)
      throws IOException {
    Map<String, Map<String, Object>> bindings = EventContract.topicBindings();
    List<Manifest> topics = of(overlay, "KafkaTopic");
    assertThat(topics.stream().map(Manifest::name))
        .containsExactlyInAnyOrderElementsOf(bindings.keySet());
    List<String> problems = new ArrayList<>();
    for (Manifest topic : topics) {
      Map<String, Object> binding = bindings.get(topic.name());
      // dev runs one Kafka node, so only prod keeps the documented replicas.
      for (String field :
          overlay.equals("prod") ? List.of("partitions", "replicas") : List.of("partitions")) {
        if (!String.valueOf(binding.get(field)).equals(String.valueOf(topic.at("spec", field)))) {
          problems.add(
              topic.id()
                  + ": "
                  + field
                  + " "
                  + topic.at("spec", field)
                  + ", documented "
                  + binding.get(field));
        }
      }
      map(binding, "topicConfiguration")
          .forEach(
              (key, documented) -> {
                Object value =
                    documented instanceof List<?> values
                        ? String.join(",", values.stream().map(String::valueOf).toList())
                        : documented;
                Object declared = topic.at("spec", "config", key);
                if (!String.valueOf(value).equals(String.valueOf(declared))) {
                  problems.add(topic.id() + ": " + key + "=" + declared + ", documented " + value);
                }
              });
    }
    assertThat(problems).isEmpty();
  }

  // --- prod ---

  @Test
  void shouldRunProdHighlyAvailable() {
    List<String> problems = new ArrayList<>();
    for (Manifest hpa : of("prod", "HorizontalPodAutoscaler")) {
      if (!(hpa.at("spec", "minReplicas") instanceof Integer min) || min < 2) {
        problems.add(hpa.id() + ": minReplicas below 2");
      }
    }
    for (Manifest deployment : of("prod", "Deployment")) {
      Map<String, Object> podLabels =
          map(deployment.raw(), "spec", "template", "metadata", "labels");
      Map<String, Object> antiAffinity =
          map(deployment.raw(), "spec", "template", "spec", "affinity", "podAntiAffinity");
      List<Object> terms = new ArrayList<>();
      list(antiAffinity, "preferredDuringSchedulingIgnoredDuringExecution")
          .forEach(t -> terms.add(get(t, "podAffinityTerm")));
      terms.addAll(list(antiAffinity, "requiredDuringSchedulingIgnoredDuringExecution"));
      boolean spreadsItself =
          terms.stream()
              .anyMatch(
                  t ->
                      selects(map(t, "labelSelector", "matchLabels"), podLabels)
                          && "kubernetes.io/hostname".equals(str(t, "topologyKey")));
      if (!spreadsItself) {
        problems.add(
            deployment.id() + ": no pod anti-affinity on kubernetes.io/hostname for its own pods");
      }
    }
    for (Manifest cluster : of("prod", "Cluster")) {
      if (!(cluster.at("spec", "instances") instanceof Integer n) || n < 2) {
        problems.add(cluster.id() + ": fewer than 2 instances");
      }
      if (!"required".equals(str(cluster.raw(), "spec", "affinity", "podAntiAffinityType"))) {
        problems.add(cluster.id() + ": instances may share a node");
      }
      if (list(cluster.raw(), "spec", "plugins").stream()
          .noneMatch(p -> "true".equals(str(p, "isWALArchiver")))) {
        problems.add(cluster.id() + ": no WAL archiving (backups)");
      }
      boolean scheduled =
          of("prod", "ScheduledBackup").stream()
              .anyMatch(b -> cluster.name().equals(str(b.raw(), "spec", "cluster", "name")));
      if (!scheduled) {
        problems.add(cluster.id() + ": no ScheduledBackup");
      }
    }
    for (Manifest pool : of("prod", "KafkaNodePool")) {
      if (!(pool.at("spec", "replicas") instanceof Integer n) || n < 3) {
        problems.add(pool.id() + ": fewer than 3 Kafka nodes");
      }
    }
    for (Manifest topic : of("prod", "KafkaTopic")) {
      if (!(topic.at("spec", "replicas") instanceof Integer n) || n < 3) {
        problems.add(topic.id() + ": fewer than 3 replicas");
      }
    }
    assertThat(problems).isEmpty();
  }

  @Test
  void shouldTerminateTlsForEveryProdHost() {
    for (Manifest ingress : of("prod", "Ingress")) {
      Set<String> hosts = new TreeSet<>();
      list(ingress.raw(), "spec", "rules").forEach(r -> hosts.add(str(r, "host")));
      Set<String> tlsHosts = new TreeSet<>();
      list(ingress.raw(), "spec", "tls")
          .forEach(t -> list(t, "hosts").forEach(h -> tlsHosts.add(String.valueOf(h))));
      assertThat(tlsHosts).as(ingress.id() + " TLS hosts").containsAll(hosts);
      assertThat(list(ingress.raw(), "spec", "tls"))
          .allSatisfy(t -> assertThat(str(t, "secretName")).isNotBlank());
    }
    assertThat(of("prod", "Ingress")).isNotEmpty();
  }

  // --- monitoring ---

  @ParameterizedTest(name = "{0}")
  @FieldSource("overlays")
  void shouldScrapeEveryDeploymentThroughAServiceMonitor(String overlay) {
    List<String> problems = new ArrayList<>();
    for (Manifest deployment : of(overlay, "Deployment")) {
      Map<String, Object> podLabels =
          map(deployment.raw(), "spec", "template", "metadata", "labels");
      List<Manifest> services =
          of(overlay, "Service").stream()
              .filter(s -> selects(map(s.raw(), "spec", "selector"), podLabels))
              .toList();
      boolean scraped =
          services.stream()
              .anyMatch(
                  service ->
                      of(overlay, "ServiceMonitor").stream()
                          .filter(
                              m ->
                                  selects(
                                      map(m.raw(), "spec", "selector", "matchLabels"),
                                      map(service.raw(), "metadata", "labels")))
                          .flatMap(m -> list(m.raw(), "spec", "endpoints").stream())
                          .anyMatch(
                              e ->
                                  "/q/metrics".equals(str(e, "path"))
                                      && list(service.raw(), "spec", "ports").stream()
                                          .anyMatch(
                                              port -> str(port, "name").equals(str(e, "port")))));
      if (!scraped) {
        problems.add(deployment.id() + ": no ServiceMonitor scrapes /q/metrics on its Service");
      }
    }
    assertThat(problems).isEmpty();
    assertThat(of(overlay, "Deployment")).hasSize(5);
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("overlays")
  void shouldScrapeKafkaAndEveryPostgresInstanceThroughPodMonitors(String overlay) {
    Set<String> scraped = new TreeSet<>();
    for (Manifest monitor : of(overlay, "PodMonitor")) {
      Map<String, Object> selector = map(monitor.raw(), "spec", "selector", "matchLabels");
      List<String> ports =
          list(monitor.raw(), "spec", "podMetricsEndpoints").stream()
              .map(e -> str(e, "port"))
              .toList();
      if (selects(selector, Map.of("strimzi.io/cluster", "ats-kafka", "strimzi.io/kind", "Kafka"))
          && ports.contains("tcp-prometheus")) {
        scraped.add("kafka");
      }
      for (Manifest cluster : of(overlay, "Cluster")) {
        if (selects(
                selector, Map.of("cnpg.io/cluster", cluster.name(), "cnpg.io/podRole", "instance"))
            && ports.contains("metrics")) {
          scraped.add(cluster.name());
        }
      }
    }
    assertThat(scraped).contains("kafka", "roles-db", "applications-db", "notifications-db");
    assertThat(of(overlay, "Kafka"))
        .allSatisfy(
            k ->
                assertThat(str(k.raw(), "spec", "kafka", "metricsConfig", "type"))
                    .isEqualTo("strimziMetricsReporter"));
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("overlays")
  void shouldAdmitTheMonitoringNamespaceToMetricsPortsOnly(String overlay) {
    List<String> problems = new ArrayList<>();
    Set<String> admitted = new TreeSet<>();
    for (Manifest policy : of(overlay, "NetworkPolicy")) {
      Map<String, Object> selector = map(policy.raw(), "spec", "podSelector", "matchLabels");
      String target =
          Stream.of("app.kubernetes.io/name", "cnpg.io/cluster", "strimzi.io/cluster")
              .map(key -> selector.get(key))
              .filter(java.util.Objects::nonNull)
              .map(String::valueOf)
              .findFirst()
              .orElse(policy.name());
      for (Object rule : list(policy.raw(), "spec", "ingress")) {
        boolean fromMonitoring =
            list(rule, "from").stream()
                .anyMatch(
                    peer ->
                        "monitoring"
                            .equals(
                                str(
                                    peer,
                                    "namespaceSelector",
                                    "matchLabels",
                                    "kubernetes.io/metadata.name")));
        if (!fromMonitoring) {
          continue;
        }
        admitted.add(target);
        List<Object> ports = list(rule, "ports").stream().map(p -> get(p, "port")).toList();
        if (!ports.equals(List.of(METRICS_PORTS.getOrDefault(target, "none")))) {
          problems.add(
              policy.id()
                  + ": admits the monitoring namespace to "
                  + ports
                  + ", not its metrics port");
        }
        for (Object peer : list(rule, "from")) {
          if (!PROMETHEUS.equals(describe(peer))) {
            problems.add(policy.id() + ": the metrics rule also admits " + describe(peer));
          }
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(admitted)
        .isEqualTo(
            METRICS_PORTS.keySet().stream()
                .collect(java.util.stream.Collectors.toCollection(TreeSet::new)));
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("overlays")
  void shouldGiveEveryAlertARunbookLineInTheReadme(String overlay) {
    String readme = read(Path.of("README.md"));
    List<String> alerts = new ArrayList<>();
    List<String> problems = new ArrayList<>();
    for (Manifest rules : of(overlay, "PrometheusRule")) {
      for (Object group : list(rules.raw(), "spec", "groups")) {
        for (Object rule : list(group, "rules")) {
          String alert = str(rule, "alert");
          alerts.add(alert);
          if (!readme.contains("| `" + alert + "` |")) {
            problems.add(alert + ": no runbook row in k8s/README.md");
          }
          if (str(rule, "annotations", "runbook") == null
              || str(rule, "annotations", "summary") == null) {
            problems.add(alert + ": needs a summary and a runbook annotation");
          }
        }
      }
    }
    assertThat(problems).isEmpty();
    assertThat(alerts)
        .contains(
            "AtsOutboxStuck",
            "AtsEventDeadLettered",
            "AtsConsumerLagGrowing",
            "AtsNotificationsFailed",
            "AtsApplicationsPastRespondBy",
            "AtsHighServerErrorRate",
            "AtsGatewayUpstreamErrors");
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("overlays")
  void shouldShipTheHiringFlowDashboardAsAGrafanaConfigMap(String overlay) {
    Manifest dashboard =
        of(overlay, "ConfigMap").stream()
            .filter(c -> "1".equals(str(c.raw(), "metadata", "labels", "grafana_dashboard")))
            .findFirst()
            .orElseThrow(() -> new AssertionError("no ConfigMap labelled grafana_dashboard"));
    String json = str(dashboard.raw(), "data", "ats-hiring-flow.json");
    Map<?, ?> parsed =
        tools.jackson.databind.json.JsonMapper.builder().build().readValue(json, Map.class);
    assertThat(parsed.get("uid")).isEqualTo("ats-hiring-flow");
    assertThat(json)
        .contains(
            "dev.ats.application.submitted.v1",
            "stage-changed",
            "ats_notifications_delivery_attempts_total",
            "ats_outbox_oldest_age_seconds",
            "kafka_consumergroup_lag",
            "http_server_requests_seconds_count",
            "cnpg_",
            "kafka_server_");
  }

  @ParameterizedTest(name = "{0}")
  @FieldSource("overlays")
  void shouldUseStrimzisV1ApiOnly(String overlay) {
    assertThat(Kustomize.render(overlay))
        .filteredOn(m -> m.apiVersion().startsWith("kafka.strimzi.io/"))
        .isNotEmpty()
        .allSatisfy(m -> assertThat(m.apiVersion()).isEqualTo("kafka.strimzi.io/v1"));
  }

  // --- helpers ---

  private static List<Manifest> of(String overlay, String kind) {
    return Kustomize.render(overlay).stream().filter(m -> m.is(kind)).toList();
  }

  /** True if every label of the selector is on the pod (an empty selector selects everything). */
  private static boolean selects(Map<String, Object> matchLabels, Map<String, Object> podLabels) {
    return matchLabels.entrySet().stream()
        .allMatch(
            e -> String.valueOf(e.getValue()).equals(String.valueOf(podLabels.get(e.getKey()))));
  }

  private static Map<String, Object> podLabelsOf(String overlay, Manifest service) {
    Map<String, Object> selector = map(service.raw(), "spec", "selector");
    return of(overlay, "Deployment").stream()
        .map(d -> map(d.raw(), "spec", "template", "metadata", "labels"))
        .filter(labels -> !selector.isEmpty() && selects(selector, labels))
        .findFirst()
        .orElse(Map.of());
  }

  private static List<Manifest> policiesSelecting(String overlay, Map<String, Object> podLabels) {
    return of(overlay, "NetworkPolicy").stream()
        .filter(p -> selects(map(p.raw(), "spec", "podSelector", "matchLabels"), podLabels))
        .filter(p -> map(p.raw(), "spec", "podSelector", "matchExpressions").isEmpty())
        .toList();
  }

  private static String describe(Object peer) {
    List<String> parts = new ArrayList<>();
    if (get(peer, "namespaceSelector") != null) {
      parts.add("namespace" + labels(map(peer, "namespaceSelector", "matchLabels")));
    }
    if (get(peer, "podSelector") != null) {
      parts.add("pod" + labels(map(peer, "podSelector", "matchLabels")));
    }
    if (get(peer, "ipBlock") != null) {
      parts.add("ipBlock{" + str(peer, "ipBlock", "cidr") + "}");
    }
    return String.join(" ", parts);
  }

  private static String labels(Map<String, Object> labels) {
    StringBuilder s = new StringBuilder("{");
    new java.util.TreeMap<>(labels)
        .forEach((k, v) -> s.append(s.length() > 1 ? "," : "").append(k).append('=').append(v));
    return s.append('}').toString();
  }

  private static String envValue(Object container, String name) {
    return list(container, "env").stream()
        .filter(e -> name.equals(str(e, "name")))
        .map(e -> str(e, "value"))
        .filter(java.util.Objects::nonNull)
        .findFirst()
        .orElse("");
  }

  private static String read(Path path) {
    try {
      return Files.readString(path);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
