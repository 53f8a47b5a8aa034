package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import java.util.ArrayList;
import java.util.List;

/**
 * Prompt-cache breakpoints for a request whose client gave none (agents on OpenAI-compatible
 * endpoints send none), so that repeated agent turns are billed as cache reads. Anthropic caches
 * the prefix up to a marked block (tools, then system, then messages) and allows four marks; three
 * are placed on what stays the same from one turn to the next: the last tool, the last system
 * block, and the last user turn before the newest one (written by this turn, read by the next,
 * whose lookback finds it). A prefix shorter than the model's minimum is simply not cached.
 */
final class AnthropicCacheBreakpoints {
  private AnthropicCacheBreakpoints() {}

  /** Whether the client placed any breakpoint itself: then its placement is the one used. */
  static boolean clientPlacedAny(ChatRequest request) {
    return request.tools().stream().anyMatch(tool -> tool.cache().isPresent())
        || request.system().stream().anyMatch(AnthropicCacheBreakpoints::cached)
        || request.messages().stream()
            .map(Message::parts)
            .flatMap(List::stream)
            .anyMatch(AnthropicCacheBreakpoints::cached);
  }

  private static boolean cached(Part part) {
    return switch (part) {
      case Part.Text text -> text.cache().isPresent();
      case Part.Image image -> image.cache().isPresent();
      case Part.Document document -> document.cache().isPresent();
      case Part.ToolResult result -> result.cache().isPresent();
      default -> false;
    };
  }

  /** Marks the stable prefix of a body written by {@link AnthropicRequestWriter}. */
  static void place(ObjectNode body) {
    mark(last(body.path("tools")));
    mark(last(body.path("system")));
    List<JsonNode> userTurns = new ArrayList<>();
    for (JsonNode turn : body.path("messages")) {
      if ("user".equals(turn.path("role").asText())) {
        userTurns.add(turn);
      }
    }
    if (userTurns.size() >= 2) {
      mark(last(userTurns.get(userTurns.size() - 2).path("content")));
    }
  }

  private static JsonNode last(JsonNode array) {
    return array instanceof ArrayNode items && !items.isEmpty()
        ? items.get(items.size() - 1)
        : Json.object();
  }

  private static void mark(JsonNode block) {
    if (block instanceof ObjectNode object && !object.isEmpty() && !thinking(object)) {
      object.putObject("cache_control").put("type", "ephemeral");
    }
  }

  /** Thinking blocks cannot carry cache_control. */
  private static boolean thinking(ObjectNode block) {
    String type = block.path("type").asText();
    return "thinking".equals(type) || "redacted_thinking".equals(type);
  }
}
