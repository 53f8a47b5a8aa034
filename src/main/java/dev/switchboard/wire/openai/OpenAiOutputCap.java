package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.OutgoingBody;
import dev.switchboard.wire.UpstreamTarget;
import java.util.OptionalLong;

/**
 * Lowers the answer's token limit to the gateway's cap, in the field the body already uses
 * (max_completion_tokens wins when both are there, as the parser reads them), else in
 * max_completion_tokens, the field the request writer uses.
 */
final class OpenAiOutputCap {
  private static final String MAX_TOKENS = "max_tokens";
  private static final String MAX_COMPLETION_TOKENS = "max_completion_tokens";

  private OpenAiOutputCap() {}

  static void apply(OutgoingBody body, UpstreamTarget target) {
    if (target.outputCap().isEmpty()) {
      return;
    }
    String field =
        body.has(MAX_TOKENS) && !body.has(MAX_COMPLETION_TOKENS)
            ? MAX_TOKENS
            : MAX_COMPLETION_TOKENS;
    JsonNode requested = body.path(field);
    OptionalLong own =
        requested.canConvertToLong() ? OptionalLong.of(requested.asLong()) : OptionalLong.empty();
    body.put(field, target.maxTokens(own).getAsLong());
  }
}
