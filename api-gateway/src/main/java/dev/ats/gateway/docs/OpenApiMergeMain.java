package dev.ats.gateway.docs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * {@link OpenApiMerge} at build time: {@code OpenApiMergeMain <out.json> <name>=<openapi.json> …}
 * merges the documents the services stored while they were built, so the TypeScript client is
 * generated from exactly what the gateway serves at {@code /openapi}.
 */
public final class OpenApiMergeMain {

  private OpenApiMergeMain() {}

  public static void main(String[] args) throws IOException {
    if (args.length < 2) {
      throw new IllegalArgumentException("usage: <out.json> <name>=<openapi.json> ...");
    }
    ObjectMapper mapper = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);
    Map<String, JsonNode> documents = new LinkedHashMap<>();
    for (int i = 1; i < args.length; i++) {
      int eq = args[i].indexOf('=');
      if (eq < 1) {
        throw new IllegalArgumentException("expected <name>=<openapi.json>, got " + args[i]);
      }
      Path file = Path.of(args[i].substring(eq + 1));
      if (!Files.isRegularFile(file)) {
        throw new IllegalStateException(
            file + " does not exist: build " + args[i].substring(0, eq) + " first");
      }
      documents.put(args[i].substring(0, eq), mapper.readTree(file.toFile()));
    }
    Path out = Path.of(args[0]);
    Files.createDirectories(out.toAbsolutePath().getParent());
    mapper.writeValue(out.toFile(), OpenApiMerge.merge(documents));
  }
}
