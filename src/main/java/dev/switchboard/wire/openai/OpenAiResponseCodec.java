package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatChoice;
import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Non-streamed chat.completion bodies to and from the canonical ChatResponse. */
final class OpenAiResponseCodec {
  private OpenAiResponseCodec() {}

  static ChatResponse decode(byte[] body) throws WireException {
    return decode(Json.tree(body));
  }

  static ChatResponse decode(JsonNode root) throws WireException {
    JsonNode choices = root.path("choices");
    if (!choices.isArray()) {
      throw new WireException("upstream response has no choices array");
    }
    List<ChatChoice> out = new ArrayList<>(choices.size());
    for (JsonNode choice : choices) {
      JsonNode message = choice.path("message");
      out.add(
          new ChatChoice(
              choice.path("index").asInt(out.size()),
              message.path("content").asText(""),
              reasoning(message),
              OpenAiToolCalls.decode(message.path("tool_calls")),
              Optional.ofNullable(message.path("refusal").textValue()),
              OpenAiFinishReasons.decode(choice.path("finish_reason").asText("stop"))));
    }
    return new ChatResponse(
        root.path("id").asText(""),
        root.path("model").asText(""),
        root.path("created").asLong(0),
        out,
        OpenAiUsage.decode(root.get("usage")));
  }

  static byte[] encode(ChatResponse response) {
    ObjectNode root = Json.object();
    root.put("id", response.id())
        .put("object", "chat.completion")
        .put("created", response.created())
        .put("model", response.model());
    ArrayNode choices = root.putArray("choices");
    for (ChatChoice choice : response.choices()) {
      ObjectNode message = Json.object().put("role", "assistant");
      if (choice.toolCalls().isEmpty() || !choice.text().isEmpty()) {
        message.put("content", choice.text());
      } else {
        message.putNull("content");
      }
      choice.reasoning().ifPresent(text -> message.put("reasoning", text));
      choice
          .refusal()
          .ifPresentOrElse(text -> message.put("refusal", text), () -> message.putNull("refusal"));
      OpenAiToolCalls.encode(choice.toolCalls(), message);
      choices
          .addObject()
          .put("index", choice.index())
          .<ObjectNode>set("message", message)
          .put("finish_reason", OpenAiFinishReasons.encode(choice.finishReason()));
    }
    response.usage().ifPresent(usage -> root.set("usage", OpenAiUsage.encode(usage)));
    return Json.bytes(root);
  }

  private static Optional<String> reasoning(JsonNode message) {
    JsonNode text =
        message.has("reasoning") ? message.get("reasoning") : message.path("reasoning_content");
    return Optional.ofNullable(text.textValue());
  }
}
