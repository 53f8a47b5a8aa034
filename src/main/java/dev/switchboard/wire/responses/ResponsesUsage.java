package dev.switchboard.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Usage;
import java.util.Optional;

/**
 * The Responses {@code usage} object both ways: input, cached input, output and reasoning tokens,
 * plus OpenRouter's {@code cost} once the gateway priced the request.
 */
final class ResponsesUsage {
  private ResponsesUsage() {}

  static ObjectNode encode(Usage usage) {
    ObjectNode out = Json.object().put("input_tokens", usage.promptTokens());
    out.putObject("input_tokens_details").put("cached_tokens", usage.cachedPromptTokens());
    out.put("output_tokens", usage.completionTokens());
    out.putObject("output_tokens_details").put("reasoning_tokens", usage.reasoningTokens());
    out.put("total_tokens", usage.totalTokens());
    usage.cost().ifPresent(cost -> out.put("cost", cost));
    if (usage.isEstimated()) {
      out.put("estimated", true);
    }
    return out;
  }

  static Optional<Usage> decode(JsonNode usage) {
    if (!usage.isObject() || !usage.has("input_tokens")) {
      return Optional.empty();
    }
    long input = usage.path("input_tokens").asLong(0);
    long cached = usage.path("input_tokens_details").path("cached_tokens").asLong(0);
    // Only the gateway prices: a cost in the body is not read.
    return Optional.of(
        Usage.reported(
            input,
            usage.path("output_tokens").asLong(0),
            Math.min(cached, input),
            usage.path("output_tokens_details").path("reasoning_tokens").asLong(0)));
  }
}
