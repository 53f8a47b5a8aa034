package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Usage;
import java.util.Optional;

/**
 * The OpenAI {@code usage} object both ways, tolerant of the variants OpenAI-compatible providers
 * send.
 */
final class OpenAiUsage {
  private OpenAiUsage() {}

  static Optional<Usage> decode(JsonNode usage) {
    if (usage == null || !usage.isObject() || !usage.has("prompt_tokens")) {
      return Optional.empty();
    }
    long cached = usage.path("prompt_tokens_details").path("cached_tokens").asLong(0);
    if (cached == 0) {
      // DeepSeek reports prompt_cache_hit_tokens, Moonshot a top-level cached_tokens.
      cached =
          Math.max(
              usage.path("prompt_cache_hit_tokens").asLong(0),
              usage.path("cached_tokens").asLong(0));
    }
    long reasoning = usage.path("completion_tokens_details").path("reasoning_tokens").asLong(0);
    long prompt = usage.path("prompt_tokens").asLong(0);
    return Optional.of(
        Usage.reported(
            prompt,
            usage.path("completion_tokens").asLong(0),
            Math.min(cached, prompt),
            reasoning));
  }

  /**
   * Writes our figures over {@code target} (the provider's own usage object, or a new one), keeping
   * its other fields.
   */
  static ObjectNode encode(Usage usage, ObjectNode target) {
    target.put("prompt_tokens", usage.promptTokens());
    target.put("completion_tokens", usage.completionTokens());
    target.put("total_tokens", usage.totalTokens());
    if (usage.cachedPromptTokens() > 0 || target.has("prompt_tokens_details")) {
      detailsOf(target, "prompt_tokens_details").put("cached_tokens", usage.cachedPromptTokens());
    }
    if (usage.reasoningTokens() > 0 || target.has("completion_tokens_details")) {
      detailsOf(target, "completion_tokens_details")
          .put("reasoning_tokens", usage.reasoningTokens());
    }
    usage.cost().ifPresent(cost -> target.put("cost", cost));
    if (usage.isEstimated()) {
      target.put("estimated", true);
    }
    return target;
  }

  static ObjectNode encode(Usage usage) {
    return encode(usage, Json.object());
  }

  private static ObjectNode detailsOf(ObjectNode usage, String field) {
    JsonNode details = usage.get(field);
    return details instanceof ObjectNode object ? object : usage.putObject(field);
  }
}
