package dev.switchboard.wire.gemini;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Usage;
import java.util.Optional;

/**
 * Gemini's {@code usageMetadata} both ways. Gemini counts the prompt with its cached part included
 * (promptTokenCount, of which cachedContentTokenCount were cache reads) and the output in two
 * parts: candidatesTokenCount (the answer) and thoughtsTokenCount (the thinking, billed as output).
 * The canonical completion is their sum, the reasoning the thoughts. Tokens of server-side tool
 * results (toolUsePromptTokenCount) are input too.
 */
final class GeminiUsage {
  private GeminiUsage() {}

  static Optional<Usage> decode(JsonNode usage) {
    if (!usage.isObject() || !usage.has("promptTokenCount")) {
      return Optional.empty();
    }
    long prompt = count(usage, "promptTokenCount") + count(usage, "toolUsePromptTokenCount");
    long thoughts = count(usage, "thoughtsTokenCount");
    long completion = count(usage, "candidatesTokenCount") + thoughts;
    long cached = Math.min(count(usage, "cachedContentTokenCount"), prompt);
    return Optional.of(Usage.reported(prompt, completion, cached, thoughts));
  }

  /** Our figures over {@code target} (the provider's own usageMetadata, or a new one). */
  static ObjectNode encode(Usage usage, ObjectNode target) {
    long thoughts = Math.min(usage.reasoningTokens(), usage.completionTokens());
    target.remove("toolUsePromptTokenCount");
    target.put("promptTokenCount", usage.promptTokens());
    target.put("candidatesTokenCount", usage.completionTokens() - thoughts);
    target.put("totalTokenCount", usage.totalTokens());
    if (usage.cachedPromptTokens() > 0 || target.has("cachedContentTokenCount")) {
      target.put("cachedContentTokenCount", usage.cachedPromptTokens());
    }
    if (thoughts > 0 || target.has("thoughtsTokenCount")) {
      target.put("thoughtsTokenCount", thoughts);
    }
    // The gateway's price of the request (USD), as the OpenAI and Anthropic answers carry it.
    usage.cost().ifPresent(cost -> target.put("cost", cost));
    return target;
  }

  static ObjectNode encode(Usage usage) {
    return encode(usage, Json.object());
  }

  private static long count(JsonNode usage, String field) {
    JsonNode value = usage.path(field);
    return value.canConvertToLong() && value.asLong() > 0 ? value.asLong() : 0;
  }
}
