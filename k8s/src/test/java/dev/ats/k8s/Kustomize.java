package dev.ats.k8s;

import static org.junit.jupiter.api.Assertions.fail;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import tools.jackson.core.type.TypeReference;
import tools.jackson.databind.MappingIterator;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Renders an overlay with {@code kubectl kustomize}, offline, exactly as an operator would apply
 * it.
 */
final class Kustomize {

  /** The k8s/ directory: the module's base directory when Maven runs the tests. */
  static final Path K8S_DIR = Path.of(System.getProperty("basedir", ".")).toAbsolutePath();

  static final List<String> OVERLAYS = List.of("dev", "prod");

  /** The kubectl binary: from the PATH unless {@code -Dkubectl=/path/to/kubectl} says otherwise. */
  static final String KUBECTL = System.getProperty("kubectl", "kubectl");

  private static final YAMLMapper YAML = YAMLMapper.builder().build();
  private static final Map<String, List<Manifest>> RENDERED = new ConcurrentHashMap<>();

  private Kustomize() {}

  static List<Manifest> render(String overlay) {
    return RENDERED.computeIfAbsent(
        overlay, o -> renderDirectory(K8S_DIR.resolve("overlays").resolve(o)));
  }

  static List<Manifest> renderDirectory(Path dir) {
    if (!Files.isDirectory(dir)) {
      fail("No kustomization directory " + dir);
    }
    Process process;
    try {
      process =
          new ProcessBuilder(KUBECTL, "kustomize", dir.toString())
              .redirectErrorStream(false)
              .start();
    } catch (IOException e) {
      String why =
          "kubectl ("
              + KUBECTL
              + ") is not on the PATH or cannot run: the k8s/ manifests are rendered with `kubectl"
              + " kustomize` (kubectl 1.27+ bundles kustomize v5). Install kubectl, or point"
              + " -Dkubectl=/path/to/kubectl at it, to run these tests. ("
              + e.getMessage()
              + ")";
      if (System.getenv("CI") == null) {
        // A newcomer with only a JDK can still run ./mvnw verify; CI (CI=true) never skips.
        org.junit.jupiter.api.Assumptions.abort(why + " Skipped because CI is not set.");
      }
      return fail(why);
    }
    try {
      process.getOutputStream().close();
      // Read both streams fully before waiting: a full pipe would block kubectl.
      var stderrReader = process.getErrorStream();
      String stdout = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      String stderr = new String(stderrReader.readAllBytes(), StandardCharsets.UTF_8);
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        return fail("kubectl kustomize " + dir + " did not finish within 60 s");
      }
      if (process.exitValue() != 0) {
        return fail(
            "kubectl kustomize " + dir + " failed (" + process.exitValue() + "):\n" + stderr);
      }
      return parse(stdout);
    } catch (IOException e) {
      return fail("Could not read the output of kubectl kustomize " + dir, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return fail("Interrupted while rendering " + dir);
    }
  }

  static List<Manifest> parse(String yaml) {
    List<Manifest> manifests = new ArrayList<>();
    try (MappingIterator<Map<String, Object>> docs =
        YAML.readerFor(new TypeReference<Map<String, Object>>() {}).readValues(yaml)) {
      while (docs.hasNextValue()) {
        Map<String, Object> doc = docs.nextValue();
        if (doc != null && !doc.isEmpty()) {
          manifests.add(new Manifest(doc));
        }
      }
    }
    return manifests;
  }
}
