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
    if (tools.size() > limits.maxTools()) {
      throw new WireException(
          "tools: at most " + limits.maxTools() + " tools are allowed, got " + tools.size(),
          "tools",
          null);
    }
  }

  void schemaDepth(JsonNode schema, String path) throws WireException {
    if (depth(schema, limits.maxSchemaDepth()) > limits.maxSchemaDepth()) {
      throw new WireException(
          path + ": nested more than " + limits.maxSchemaDepth() + " levels deep", path, null);
    }
  }

  /** Levels of objects and arrays, counting stops just past {@code limit}. */
  private static int depth(JsonNode node, int limit) {
    if (!node.isContainerNode() || limit < 0) {
      return 0;
    }
    int deepest = 0;
    for (JsonNode child : node) {
      deepest = Math.max(deepest, depth(child, limit - 1));
      if (deepest >= limit) {
        break;
      }
    }
    return deepest + 1;
  }
}
