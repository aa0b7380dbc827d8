package dev.ats.infra;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ats.infra.system.AtsService;
import dev.ats.infra.system.ManagedProcess;
import dev.ats.infra.system.SystemProcesses;
import dev.ats.infra.system.SystemProcesses.InfraJvm;
import dev.ats.infra.system.SystemProcesses.Layout;
import dev.ats.infra.system.SystemProcesses.Ports;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The topics exist as the contract (docs/asyncapi.yaml, k8s/base/kafka.yaml) describes them from
 * the moment a broker starts: in the local stack's Kafka process and in the tests' broker. The
 * expected values are written out here on purpose, not taken from {@link Topics}.
 */
class TopicsTest {

  private static final Map<String, String> ROLES_EVENTS =
      Map.of(
          "cleanup.policy", "compact",
          "min.compaction.lag.ms", "2592000000",
          "delete.retention.ms", "86400000");
  private static final Map<String, String> APPLICATIONS_EVENTS =
      Map.of("cleanup.policy", "delete", "retention.ms", "2592000000");
  private static final Map<String, String> DEAD_LETTER =
      Map.of("cleanup.policy", "delete", "retention.ms", "7776000000");

  @Test
  void shouldCreateEveryTopicWithItsConfigurationWhenTheLocalStacksBrokerStarts(@TempDir Path dir)
      throws Exception {
    // exactly as ./ats up starts it: LocalStack kafka in a JVM of its own
    SystemProcesses system =
        new SystemProcesses(
            new Layout(dir, null, dir, dir, dir.resolve("public.pem"), "x", Ports.free(), "64m"),
            InfraJvm.currentClasspath(),
            s -> Map.of());
    ManagedProcess kafka = system.kafka();
    try {
      system.startInfra(kafka);
      try (Admin admin = admin(system.kafkaBootstrapServers())) {
        assertContractTopics(admin);
      }
    } finally {
      kafka.stop(Duration.ofSeconds(60));
    }
    assertThat(kafka.alive()).isFalse();
  }

  @Test
  void shouldCreateThemInTheTestsBrokerAndRepairATopicCreatedWithOtherSettings() throws Exception {
    try (KafkaBroker broker = KafkaBroker.startForTests();
        Admin admin = admin(broker.bootstrapServers())) {
      assertContractTopics(admin);

      // as an older local stack left it: auto-created, at the broker's defaults, plus an override
      ConfigResource roles = new ConfigResource(ConfigResource.Type.TOPIC, "roles.events");
      admin
          .incrementalAlterConfigs(
              Map.of(
                  roles,
                  List.of(
                      new AlterConfigOp(
                          new ConfigEntry("cleanup.policy", "delete"), AlterConfigOp.OpType.SET),
                      new AlterConfigOp(
                          new ConfigEntry("min.compaction.lag.ms", ""),
                          AlterConfigOp.OpType.DELETE),
                      new AlterConfigOp(
                          new ConfigEntry("retention.ms", "604800000"), AlterConfigOp.OpType.SET))))
          .all()
          .get(60, TimeUnit.SECONDS);
      assertThat(Topics.overrides(admin, List.of("roles.events")).get("roles.events"))
          .isNotEqualTo(ROLES_EVENTS);

      Topics.ensure(broker.bootstrapServers());

      assertContractTopics(admin);
    }
  }

  @Test
  void shouldGiveEveryServiceThatConsumesEventsADeadLetterTopic() {
    assertThat(Topics.ALL)
        .extracting(Topics.Topic::name)
        .containsExactlyInAnyOrder(
            "roles.events",
            "applications.events",
            "roles.dead-letter",
            "applications.dead-letter",
            "notifications.dead-letter");
    for (AtsService service : AtsService.values()) {
      if (service.database().isPresent()) {
        assertThat(Topics.named(service.shortName() + ".dead-letter"))
            .as(service.module() + "'s ats.events.dead-letter-topic")
            .isPresent();
      }
    }
  }

  private static void assertContractTopics(Admin admin) throws Exception {
    Map<String, TopicDescription> topics =
        admin
            .describeTopics(
                List.of(
                    "roles.events",
                    "applications.events",
                    "roles.dead-letter",
                    "applications.dead-letter",
                    "notifications.dead-letter"))
            .allTopicNames()
            .get(60, TimeUnit.SECONDS);
    assertThat(topics.get("roles.events").partitions()).hasSize(3);
    assertThat(topics.get("applications.events").partitions()).hasSize(3);
    for (String deadLetter :
        List.of("roles.dead-letter", "applications.dead-letter", "notifications.dead-letter")) {
      assertThat(topics.get(deadLetter).partitions()).as(deadLetter).hasSize(1);
    }
    Map<String, Map<String, String>> configs = Topics.overrides(admin, topics.keySet());
    assertThat(configs.get("roles.events")).isEqualTo(ROLES_EVENTS);
    assertThat(configs.get("applications.events")).isEqualTo(APPLICATIONS_EVENTS);
    for (String deadLetter :
        List.of("roles.dead-letter", "applications.dead-letter", "notifications.dead-letter")) {
      assertThat(configs.get(deadLetter)).as(deadLetter).isEqualTo(DEAD_LETTER);
    }
    // and what a consumer sees as the effective value, whatever the broker's defaults
    assertThat(effective(admin, "roles.events", "cleanup.policy")).isEqualTo("compact");
    assertThat(effective(admin, "applications.events", "retention.ms")).isEqualTo("2592000000");
  }

  private static String effective(Admin admin, String topic, String key) throws Exception {
    ConfigResource resource = new ConfigResource(ConfigResource.Type.TOPIC, topic);
    Collection<ConfigEntry> entries =
        admin
            .describeConfigs(List.of(resource))
            .all()
            .get(60, TimeUnit.SECONDS)
            .get(resource)
            .entries();
    return entries.stream().filter(e -> e.name().equals(key)).findFirst().orElseThrow().value();
  }

  private static Admin admin(String bootstrapServers) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    return Admin.create(props);
  }
}
