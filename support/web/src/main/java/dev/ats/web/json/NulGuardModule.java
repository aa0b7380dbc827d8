package dev.ats.web.json;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.deser.std.JsonNodeDeserializer;
import com.fasterxml.jackson.databind.deser.std.StdDeserializer;
import com.fasterxml.jackson.databind.deser.std.StringDeserializer;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import io.quarkus.jackson.ObjectMapperCustomizer;
import jakarta.inject.Singleton;
import java.io.IOException;
import java.util.Iterator;
import java.util.Map;

/**
 * PostgreSQL cannot store the NUL character (U+0000) in text or jsonb: a request carrying one would
 * fail at the database as a 500. Every service's JSON reader refuses it instead, as a 400 naming
 * the field.
 */
@Singleton
public class NulGuardModule implements ObjectMapperCustomizer {

  static final String MESSAGE = "must not contain the NUL character (\\u0000)";

  @Override
  public void customize(com.fasterxml.jackson.databind.ObjectMapper mapper) {
    SimpleModule module = new SimpleModule("ats-nul-guard");
    module.addDeserializer(String.class, new GuardedString());
    module.addDeserializer(JsonNode.class, new GuardedJsonNode());
    mapper.registerModule(module);
  }

  private static final class GuardedString extends StdDeserializer<String> {
    GuardedString() {
      super(String.class);
    }

    @Override
    public String deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      String value = StringDeserializer.instance.deserialize(p, ctxt);
      if (value != null && value.indexOf('\u0000') >= 0) {
        throw new InvalidFormatException(p, MESSAGE, value, String.class);
      }
      return value;
    }
  }

  private static final class GuardedJsonNode extends StdDeserializer<JsonNode> {
    GuardedJsonNode() {
      super(JsonNode.class);
    }

    @Override
    public JsonNode deserialize(JsonParser p, DeserializationContext ctxt) throws IOException {
      JsonNode node = JsonNodeDeserializer.getDeserializer(JsonNode.class).deserialize(p, ctxt);
      if (containsNul(node)) {
        throw new InvalidFormatException(p, MESSAGE, node.toString(), JsonNode.class);
      }
      return node;
    }

    @Override
    public JsonNode getNullValue(DeserializationContext ctxt) {
      return com.fasterxml.jackson.databind.node.NullNode.getInstance();
    }

    private static boolean containsNul(JsonNode node) {
      if (node == null) {
        return false;
      }
      if (node.isTextual()) {
        return node.textValue().indexOf('\u0000') >= 0;
      }
      if (node.isObject()) {
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
          Map.Entry<String, JsonNode> field = it.next();
          if (field.getKey().indexOf('\u0000') >= 0 || containsNul(field.getValue())) {
            return true;
          }
        }
      }
      if (node.isArray()) {
        for (JsonNode element : node) {
          if (containsNul(element)) {
            return true;
          }
        }
      }
      return false;
    }
  }
}
