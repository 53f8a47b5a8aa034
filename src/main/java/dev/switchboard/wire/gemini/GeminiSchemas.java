package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.Locale;
import java.util.Map;

/**
 * Gemini's OpenAPI-subset schemas (functionDeclarations.parameters, responseSchema) as JSON Schema
 * for the other formats: the type names are upper case there ("OBJECT", "STRING"), lower case in
 * JSON Schema. Everything else is kept as written.
 */
final class GeminiSchemas {
  private GeminiSchemas() {}

  static JsonNode jsonSchema(JsonNode schema) {
    JsonNode copy = schema.deepCopy();
    lowerTypes(copy);
    return copy;
  }

  private static void lowerTypes(JsonNode node) {
    if (node instanceof ObjectNode object) {
      JsonNode type = object.get("type");
      if (type != null && type.isTextual()) {
        object.put("type", type.asText().toLowerCase(Locale.ROOT));
      }
      for (Map.Entry<String, JsonNode> field : object.properties()) {
        if (field.getValue().isContainerNode()) {
          lowerTypes(field.getValue());
        }
      }
    } else if (node instanceof ArrayNode array) {
      array.forEach(GeminiSchemas::lowerTypes);
    }
  }
}
