package dev.ats.infra.test;

import com.networknt.schema.Error;
import com.networknt.schema.InputFormat;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;

/**
 * Checks event payloads against the public contract: the JSON Schema that {@code
 * docs/asyncapi.yaml} references for each CloudEvent type, at {@code docs/events/<ce_type>.json}.
 */
public final class EventSchemas {

  private static final SchemaRegistry REGISTRY =
      SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);

  private EventSchemas() {}

  /** Fails with every violation listed unless {@code json} is a valid {@code ceType} payload. */
  public static void assertValid(String ceType, String json) {
    Path file = eventsDirectory().resolve(ceType + ".json");
    if (!Files.exists(file)) {
      throw new AssertionError("event type " + ceType + " has no schema at " + file);
    }
    Schema schema;
    try {
      schema = REGISTRY.getSchema(Files.readString(file), InputFormat.JSON);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    List<Error> errors = schema.validate(json, InputFormat.JSON);
    if (!errors.isEmpty()) {
      throw new AssertionError(
          ceType
              + " payload does not match "
              + file.getFileName()
              + ":\n  "
              + errors.stream().map(Error::toString).collect(Collectors.joining("\n  "))
              + "\npayload: "
              + json);
    }
  }

  /** {@code docs/events} of this repository, found from the module's working directory. */
  public static Path eventsDirectory() {
    Path dir = Path.of("").toAbsolutePath();
    while (dir != null) {
      Path candidate = dir.resolve("docs").resolve("events");
      if (Files.isDirectory(candidate)) {
        return candidate;
      }
      dir = dir.getParent();
    }
    throw new IllegalStateException("docs/events not found above " + Path.of("").toAbsolutePath());
  }
}
