package dev.ats.k8s;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/** What docs/asyncapi.yaml, the event contract, says about the topics. */
final class EventContract {

  static final Path DOCUMENT =
      Path.of(System.getProperty("ats.repository.root", "..")).resolve("docs/asyncapi.yaml");

  private EventContract() {}

  /** Each channel's address with its Kafka binding (partitions, replicas, topicConfiguration). */
  static Map<String, Map<String, Object>> topicBindings() throws IOException {
    Map<String, Object> doc = Kustomize.parse(Files.readString(DOCUMENT)).get(0).raw();
    Map<String, Map<String, Object>> topics = new LinkedHashMap<>();
    Manifest.map(doc, "channels")
        .values()
        .forEach(
            channel ->
                topics.put(
                    Manifest.str(channel, "address"), Manifest.map(channel, "bindings", "kafka")));
    return topics;
  }
}
