package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.RequestLimits;
import dev.switchboard.wire.WireException;

/** The {@link RequestLimits} checks of a Messages body, each error naming its field. */
final class AnthropicLimits {
  private final RequestLimits limits;

  AnthropicLimits(RequestLimits limits) {
    this.limits = limits;
  }

  /** max_tokens, already known to be an integer: at least 1, at most the configured limit. */
  long maxTokens(JsonNode value) throws WireException {
    if (value.canConvertToLong()
        && value.asLong() >= 1
        && value.asLong() <= limits.maxOutputTokens()) {
      return value.asLong();
    }
    String problem =
        value.bigIntegerValue().signum() > 0
            ? "too large, at most " + limits.maxOutputTokens()
            : "must be at least 1";
    throw new WireException("max_tokens: " + problem, "max_tokens", null);
  }

  void toolCount(JsonNode tools) throws WireException {
    limits.checkToolCount(tools);
  }

  void schemaDepth(JsonNode schema, String path) throws WireException {
    limits.checkSchemaDepth(schema, path);
  }
}
