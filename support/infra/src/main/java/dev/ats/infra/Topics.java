package dev.ats.infra;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.admin.AlterConfigOp;
import org.apache.kafka.clients.admin.ConfigEntry;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;

/**
 * Every Kafka topic of the event contract ({@code docs/asyncapi.yaml}), defined once: its name, its
 * partitions on a local or test broker, and its topic-level configuration. {@link KafkaBroker}
 * creates them when it starts, so the local stack ({@code ./ats up}), the system tests and every
 * service's tests see the topics as the contract describes them, and the dead-letter topics exist
 * before their first record. Kubernetes declares the same topics in {@code k8s/base/kafka.yaml}
 * (with 6 partitions and 3 replicas there).
 */
public final class Topics {

  /** Thirty days: every event of both event topics is kept at least this long. */
  public static final String THIRTY_DAYS_MS = "2592000000";

  /** Ninety days: how long a dead-lettered record waits for someone to investigate it. */
  public static final String NINETY_DAYS_MS = "7776000000";

  /** One topic: name, partitions on a single local broker, topic-level configuration. */
  public record Topic(String name, int partitions, Map<String, String> config) {
    public Topic {
      config = Map.copyOf(config);
    }

    public NewTopic newTopic() {
      return new NewTopic(name, Optional.of(partitions), Optional.empty()).configs(config);
    }
  }

  /**
   * Role state, key role id. A state feed, so compacted: every event kept 30 days, then the latest
   * per role; a tombstone stays a day.
   */
  public static final Topic ROLES_EVENTS =
      new Topic(
          "roles.events",
          3,
          Map.of(
              "cleanup.policy", "compact",
              "min.compaction.lag.ms", THIRTY_DAYS_MS,
              "delete.retention.ms", "86400000"));

  /** Application and candidate events, a history: deleted after 30 days, never compacted. */
  public static final Topic APPLICATIONS_EVENTS =
      new Topic(
          "applications.events",
          3,
          Map.of("cleanup.policy", "delete", "retention.ms", THIRTY_DAYS_MS));

  /** roles-service's poison events. */
  public static final Topic ROLES_DEAD_LETTER = deadLetter("roles.dead-letter");

  /** applications-service's poison events. */
  public static final Topic APPLICATIONS_DEAD_LETTER = deadLetter("applications.dead-letter");

  /** notifications-service's poison events. */
  public static final Topic NOTIFICATIONS_DEAD_LETTER = deadLetter("notifications.dead-letter");

  /** Every topic of the contract. */
  public static final List<Topic> ALL =
      List.of(
          ROLES_EVENTS,
          APPLICATIONS_EVENTS,
          ROLES_DEAD_LETTER,
          APPLICATIONS_DEAD_LETTER,
          NOTIFICATIONS_DEAD_LETTER);

  private Topics() {}

  private static Topic deadLetter(String name) {
    return new Topic(name, 1, Map.of("cleanup.policy", "delete", "retention.ms", NINETY_DAYS_MS));
  }

  /** The topic called {@code name}, if the contract has one. */
  public static Optional<Topic> named(String name) {
    return ALL.stream().filter(t -> t.name().equals(name)).findFirst();
  }

  /**
   * Makes the broker at {@code bootstrapServers} hold every topic of {@link #ALL} with exactly its
   * configuration: missing topics are created; an existing topic (for example one a client
   * auto-created before, or one in an older local stack's data) gets its topic-level configuration
   * set to the contract's, and overrides the contract does not name are removed. Partitions are
   * never removed; a topic with fewer partitions than declared gets more.
   */
  public static void ensure(String bootstrapServers) {
    Properties props = new Properties();
    props.put(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
    props.put(AdminClientConfig.CLIENT_ID_CONFIG, "ats-topics");
    try (Admin admin = Admin.create(props)) {
      ensure(admin);
    }
  }

  /** {@link #ensure(String)} with an admin client the caller owns. */
  public static void ensure(Admin admin) {
    try {
      Set<String> existing = admin.listTopics().names().get(60, TimeUnit.SECONDS);
      List<NewTopic> missing =
          ALL.stream()
              .filter(t -> !existing.contains(t.name()))
              .map(Topic::newTopic)
              .collect(Collectors.toList());
      if (!missing.isEmpty()) {
        try {
          admin.createTopics(missing).all().get(60, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
          if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
            throw e;
          }
          // created concurrently (auto-creation by a client): aligned below
        }
      }
      align(admin);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while creating the topics", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IllegalStateException(
          "could not create the contract's topics: " + e.getMessage(), e);
    }
  }

  private static void align(Admin admin)
      throws InterruptedException, ExecutionException, TimeoutException {
    Map<String, Map<String, String>> overrides = overrides(admin, names(ALL));
    Map<ConfigResource, Collection<AlterConfigOp>> changes = new HashMap<>();
    for (Topic topic : ALL) {
      Map<String, String> current = overrides.getOrDefault(topic.name(), Map.of());
      if (current.equals(topic.config())) {
        continue;
      }
      List<AlterConfigOp> ops = new ArrayList<>();
      topic
          .config()
          .forEach(
              (key, value) ->
                  ops.add(
                      new AlterConfigOp(new ConfigEntry(key, value), AlterConfigOp.OpType.SET)));
      current.keySet().stream()
          .filter(key -> !topic.config().containsKey(key))
          .forEach(
              key ->
                  ops.add(
                      new AlterConfigOp(new ConfigEntry(key, ""), AlterConfigOp.OpType.DELETE)));
      changes.put(new ConfigResource(ConfigResource.Type.TOPIC, topic.name()), ops);
    }
    if (!changes.isEmpty()) {
      admin.incrementalAlterConfigs(changes).all().get(60, TimeUnit.SECONDS);
    }
    Map<String, TopicDescription> descriptions =
        admin.describeTopics(names(ALL)).allTopicNames().get(60, TimeUnit.SECONDS);
    Map<String, org.apache.kafka.clients.admin.NewPartitions> more = new HashMap<>();
    for (Topic topic : ALL) {
      if (descriptions.get(topic.name()).partitions().size() < topic.partitions()) {
        more.put(
            topic.name(),
            org.apache.kafka.clients.admin.NewPartitions.increaseTo(topic.partitions()));
      }
    }
    if (!more.isEmpty()) {
      admin.createPartitions(more).all().get(60, TimeUnit.SECONDS);
    }
  }

  /**
   * The topic-level configuration overrides of each topic (what was set for the topic itself, not
   * the broker's defaults), as {@code describeConfigs} reports them.
   */
  public static Map<String, Map<String, String>> overrides(Admin admin, Collection<String> topics)
      throws InterruptedException, ExecutionException, TimeoutException {
    List<ConfigResource> resources =
        topics.stream()
            .map(name -> new ConfigResource(ConfigResource.Type.TOPIC, name))
            .collect(Collectors.toList());
    Map<String, Map<String, String>> result = new HashMap<>();
    admin
        .describeConfigs(resources)
        .all()
        .get(60, TimeUnit.SECONDS)
        .forEach(
            (resource, config) ->
                result.put(
                    resource.name(),
                    config.entries().stream()
                        .filter(e -> e.source() == ConfigEntry.ConfigSource.DYNAMIC_TOPIC_CONFIG)
                        .collect(Collectors.toMap(ConfigEntry::name, ConfigEntry::value))));
    return result;
  }

  private static List<String> names(List<Topic> topics) {
    return topics.stream().map(Topic::name).collect(Collectors.toList());
  }
}
