package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.OutgoingBody;
import dev.switchboard.wire.UpstreamTarget;
import java.util.OptionalLong;
import java.util.function.Predicate;

/**
 * Lowers generationConfig.maxOutputTokens to the gateway's cap, under the names the client used
 * (camelCase or snake_case: Gemini takes both, but not both at once).
 */
final class GeminiOutputCap {
  private GeminiOutputCap() {}

  static void apply(OutgoingBody body, UpstreamTarget target) {
    if (target.outputCap().isEmpty()) {
      return;
    }
    ObjectNode config = body.object(name(body::has, "generationConfig"));
    String field = name(config::has, "maxOutputTokens");
    JsonNode requested = config.path(field);
    OptionalLong own =
        requested.canConvertToLong() ? OptionalLong.of(requested.asLong()) : OptionalLong.empty();
    config.put(field, target.maxTokens(own).getAsLong());
  }

  private static String name(Predicate<String> has, String camelName) {
    String snake = GeminiFields.snake(camelName);
    return !has.test(camelName) && has.test(snake) ? snake : camelName;
  }
}
