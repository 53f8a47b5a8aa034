package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.UpstreamTarget;
import java.util.OptionalLong;

/**
 * Lowers generationConfig.maxOutputTokens to the gateway's cap, under the names the client used
 * (camelCase or snake_case: Gemini takes both, but not both at once).
 */
final class GeminiOutputCap {
  private GeminiOutputCap() {}

  static void apply(ObjectNode body, UpstreamTarget target) {
    if (target.outputCap().isEmpty()) {
      return;
    }
    String configName = name(body, "generationConfig");
    ObjectNode config = body.withObject(configName);
    String field = name(config, "maxOutputTokens");
    JsonNode requested = config.path(field);
    OptionalLong own =
        requested.canConvertToLong() ? OptionalLong.of(requested.asLong()) : OptionalLong.empty();
    config.put(field, target.maxTokens(own).getAsLong());
  }

  private static String name(JsonNode node, String camelName) {
    String snake = GeminiFields.snake(camelName);
    return !node.has(camelName) && node.has(snake) ? snake : camelName;
  }
}
