package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.OutgoingBody;
import dev.switchboard.wire.UpstreamTarget;
import java.util.OptionalLong;

/**
 * Lowers max_tokens to the gateway's cap. A thinking budget must stay below max_tokens, so it is
 * lowered with it, and thinking is switched off when the cap leaves no room for Anthropic's
 * smallest budget.
 */
final class AnthropicOutputCap {
  private AnthropicOutputCap() {}

  static void apply(OutgoingBody body, UpstreamTarget target) {
    if (target.outputCap().isEmpty()) {
      return;
    }
    JsonNode requested = body.path("max_tokens");
    OptionalLong own =
        requested.canConvertToLong() ? OptionalLong.of(requested.asLong()) : OptionalLong.empty();
    long maxTokens = target.maxTokens(own).getAsLong();
    body.put("max_tokens", maxTokens);
    JsonNode budget = body.path("thinking").path("budget_tokens");
    if (budget.canConvertToLong() && budget.asLong() >= maxTokens) {
      if (maxTokens - 1 < AnthropicControlsWriter.MIN_BUDGET) {
        body.remove("thinking");
      } else {
        body.object("thinking").put("budget_tokens", maxTokens - 1);
      }
    }
  }
}
