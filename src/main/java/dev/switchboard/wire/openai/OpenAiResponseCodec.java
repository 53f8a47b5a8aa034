package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Non-streamed chat.completion bodies to and from the canonical ChatResponse. Only the first choice
 * is translated (n > 1 reaches a client only when it speaks OpenAI too, relayed verbatim).
 */
final class OpenAiResponseCodec {
  private OpenAiResponseCodec() {}

  static ChatResponse decode(byte[] body) throws WireException {
    return decode(Json.tree(body));
  }

  static ChatResponse decode(JsonNode root) throws WireException {
    JsonNode choices = root.path("choices");
    if (!choices.isArray() || choices.isEmpty()) {
      throw new WireException("upstream response has no choices");
    }
    JsonNode choice = choices.get(0);
    JsonNode message = choice.path("message");
    List<Part> content = new ArrayList<>(3);
    JsonNode reasoning =
        message.has("reasoning") ? message.get("reasoning") : message.path("reasoning_content");
    if (reasoning.isTextual() && !reasoning.asText().isEmpty()) {
      content.add(new Part.Thinking(reasoning.asText(), ""));
    }
    String text = message.path("content").asText("");
    if (text.isEmpty() && message.path("refusal").isTextual()) {
      text = message.get("refusal").asText();
    }
    if (!text.isEmpty()) {
      content.add(Part.Text.of(text));
    }
    content.addAll(OpenAiToolCalls.decode(message.path("tool_calls")));
    return new ChatResponse(
        root.path("id").asText(""),
        root.path("model").asText(""),
        root.path("created").asLong(0),
        content,
        OpenAiFinishReasons.decode(choice.path("finish_reason").asText("")),
        OpenAiUsage.decode(root.get("usage")));
  }

  static byte[] encode(ChatResponse response) {
    return encode(response, Optional.empty());
  }

  /** With OpenRouter's top-level {@code provider} field: the display name of the provider. */
  static byte[] encode(ChatResponse response, String provider) {
    return encode(response, Optional.of(provider));
  }

  private static byte[] encode(ChatResponse response, Optional<String> provider) {
    ObjectNode root = Json.object();
    root.put("id", response.id())
        .put("object", "chat.completion")
        .put("created", response.created())
        .put("model", response.model());
    provider.ifPresent(name -> root.put("provider", name));
    StringBuilder text = new StringBuilder();
    StringBuilder reasoning = new StringBuilder();
    List<Part.ToolUse> calls = new ArrayList<>(2);
    for (Part part : response.content()) {
      switch (part) {
        case Part.Text t -> text.append(t.text());
        case Part.Thinking t -> reasoning.append(t.text());
        case Part.ToolUse t -> calls.add(t);
        default -> {
          // Signatures, redacted reasoning and opaque blocks have no place in Chat Completions.
        }
      }
    }
    ObjectNode message = Json.object().put("role", "assistant");
    if (calls.isEmpty() || !text.isEmpty()) {
      message.put("content", text.toString());
    } else {
      message.putNull("content");
    }
    if (!reasoning.isEmpty()) {
      message.put("reasoning", reasoning.toString());
    }
    message.putNull("refusal");
    OpenAiToolCalls.encode(calls, message);
    root.putArray("choices")
        .addObject()
        .put("index", 0)
        .<ObjectNode>set("message", message)
        .put("finish_reason", OpenAiFinishReasons.encode(response.finish()));
    response.usage().ifPresent(usage -> root.set("usage", OpenAiUsage.encode(usage)));
    return Json.bytes(root);
  }
}
