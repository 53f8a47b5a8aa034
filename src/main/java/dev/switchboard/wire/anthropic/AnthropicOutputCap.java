package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.UpstreamTarget;
import java.util.OptionalLong;

/**
 * Lowers max_tokens to the gateway's cap. A thinking budget must stay below max_tokens, so it is
 * lowered with it, and thinking is switched off when the cap leaves no room for Anthropic's
 * smallest budget.
 */
final class AnthropicOutputCap {
  private AnthropicOutputCap() {}

  static void apply(ObjectNode body, UpstreamTarget target) {
    if (target.outputCap().isEmpty()) {
      return;
    }
    JsonNode requested = body.path("max_tokens");
    OptionalLong own =
        requested.canConvertToLong() ? OptionalLong.of(requested.asLong()) : OptionalLong.empty();
    long maxTokens = target.maxTokens(own).getAsLong();
    body.put("max_tokens", maxTokens);
    if (body.get("thinking") instanceof ObjectNode thinking
        && thinking.path("budget_tokens").canConvertToLong()
        && thinking.path("budget_tokens").asLong() >= maxTokens) {
      if (maxTokens - 1 < AnthropicControlsWriter.MIN_BUDGET) {
        body.remove("thinking");
      } else {
        thinking.put("budget_tokens", maxTokens - 1);
      }
    }
  }
}
