package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * Seeded tool-call arguments that satisfy a JSON schema's {@code properties}: a word or the first
 * enum value for strings, a small integer for numbers, true for booleans, empty objects and arrays.
 */
final class ToolArguments {
  private static final String ALPHANUMERIC =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";

  private ToolArguments() {}

  /** Arguments for a function whose parameters schema is given; every declared property is set. */
  static ObjectNode fill(JsonNode parameters, SplittableRandom random) {
    ObjectNode arguments = Json.object();
    for (Map.Entry<String, JsonNode> property : parameters.path("properties").properties()) {
      arguments.set(property.getKey(), value(property.getValue(), random));
    }
    return arguments;
  }

  /** An id shaped like OpenAI's: "call_" and 24 alphanumerics. */
  static String callId(SplittableRandom random) {
    return "call_" + alphanumerics(random, 24);
  }

  static String alphanumerics(SplittableRandom random, int length) {
    StringBuilder s = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      s.append(ALPHANUMERIC.charAt(random.nextInt(ALPHANUMERIC.length())));
    }
    return s.toString();
  }

  private static JsonNode value(JsonNode schema, SplittableRandom random) {
    if (schema.path("enum").isArray() && !schema.path("enum").isEmpty()) {
      return schema.path("enum").get(0);
    }
    return switch (type(schema)) {
      case "integer", "number" -> Json.mapper().getNodeFactory().numberNode(1 + random.nextInt(20));
      case "boolean" -> Json.mapper().getNodeFactory().booleanNode(true);
      case "object" -> Json.object();
      case "array" -> Json.array();
      default -> Json.mapper().getNodeFactory().textNode(TextGenerator.word(random));
    };
  }

  /** The schema's type; for a union such as ["string","null"] the first non-null member. */
  private static String type(JsonNode schema) {
    JsonNode type = schema.path("type");
    if (type.isArray()) {
      for (JsonNode member : type) {
        if (!"null".equals(member.asText())) {
          return member.asText();
        }
      }
    }
    return type.asText("string");
  }
}
