package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Usage;
import java.util.Optional;

/**
 * The Anthropic {@code usage} object both ways. Anthropic's input_tokens excludes the tokens read
 * from and written to the cache; the canonical prompt count includes them. Thinking is billed as
 * output and already counted in output_tokens.
 */
final class AnthropicUsage {
  private AnthropicUsage() {}

  static Optional<Usage> decode(JsonNode usage) {
    if (usage == null
        || !usage.isObject()
        || !(usage.has("input_tokens") || usage.has("output_tokens"))) {
      return Optional.empty();
    }
    long input = count(usage, "input_tokens");
    long read = count(usage, "cache_read_input_tokens");
    long written = count(usage, "cache_creation_input_tokens");
    JsonNode split = usage.path("cache_creation");
    long oneHour = Math.min(written, count(split, "ephemeral_1h_input_tokens"));
    // Without the breakdown every write was a 5-minute one (the only kind before 1-hour caching).
    long fiveMinute = written - oneHour;
    return Optional.of(
        Usage.reported(input + read + written, count(usage, "output_tokens"), read, 0)
            .withCacheWrites(fiveMinute, oneHour));
  }

  private static long count(JsonNode node, String field) {
    return Math.max(0, node.path(field).asLong(0));
  }

  /**
   * Writes our figures over {@code target} (the provider's own usage object, or a new one), keeping
   * its other fields (service_tier, server_tool_use).
   */
  static ObjectNode encode(Usage usage, ObjectNode target) {
    long writes = usage.cacheWriteTokens();
    long input = Math.max(0, usage.promptTokens() - usage.cachedPromptTokens() - writes);
    target.put("input_tokens", input);
    target.put("cache_creation_input_tokens", writes);
    target.put("cache_read_input_tokens", usage.cachedPromptTokens());
    target
        .putObject("cache_creation")
        .put("ephemeral_5m_input_tokens", usage.cacheWrite5mTokens())
        .put("ephemeral_1h_input_tokens", usage.cacheWrite1hTokens());
    target.put("output_tokens", usage.completionTokens());
    usage.cost().ifPresent(cost -> target.put("cost", cost));
    if (usage.isEstimated()) {
      target.put("estimated", true);
    }
    return target;
  }

  static ObjectNode encode(Usage usage) {
    return encode(usage, Json.object());
  }
}
