package dev.switchboard.wire.anthropic;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.Finish;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;

/** Non-streamed {@code message} bodies to and from the canonical ChatResponse. */
final class AnthropicResponseCodec {
  private AnthropicResponseCodec() {}

  static ChatResponse decode(byte[] body) throws WireException {
    return decode(Json.tree(body));
  }

  static ChatResponse decode(JsonNode root) throws WireException {
    if (!root.isObject() || !"message".equals(root.path("type").asText())) {
      throw new WireException("upstream response is not an Anthropic message");
    }
    JsonNode blocks = root.path("content");
    List<Part> content = new ArrayList<>(blocks.size());
    for (int i = 0; i < blocks.size(); i++) {
      content.add(AnthropicContent.part(blocks.get(i), "content[" + i + "]"));
    }
    return new ChatResponse(
        root.path("id").asText(""),
        root.path("model").asText(""),
        0,
        content,
        finish(root),
        AnthropicUsage.decode(root.get("usage")));
  }

  static Finish finish(JsonNode carrier) {
    return AnthropicStopReasons.decode(
        carrier.path("stop_reason").asText(""),
        Optional.ofNullable(carrier.path("stop_sequence").textValue()));
  }

  static byte[] encode(ChatResponse response) {
    ObjectNode root = Json.object();
    root.put("id", messageId(response.id()))
        .put("type", "message")
        .put("role", "assistant")
        .put("model", response.model());
    root.set("content", content(response.content()));
    root.put("stop_reason", AnthropicStopReasons.encode(response.finish()));
    response
        .finish()
        .stopSequence()
        .ifPresentOrElse(
            sequence -> root.put("stop_sequence", sequence), () -> root.putNull("stop_sequence"));
    root.set(
        "usage",
        response
            .usage()
            .map(AnthropicUsage::encode)
            .orElseGet(() -> Json.object().put("input_tokens", 0).put("output_tokens", 0)));
    return Json.bytes(root);
  }

  /**
   * The answer's blocks; unsigned reasoning (from a format without signatures) still reaches the
   * client as thinking, with an empty signature, since it is what the model said.
   */
  private static ArrayNode content(List<Part> parts) {
    ArrayNode out = Json.array();
    AnthropicBlocks blocks = new AnthropicBlocks(new LinkedHashSet<>());
    for (Part part : parts) {
      switch (part) {
        case Part.Thinking thinking ->
            out.addObject()
                .put("type", "thinking")
                .put("thinking", thinking.text())
                .put("signature", thinking.signature());
        case Part.ToolUse call ->
            // A provider's malformed arguments become no arguments rather than a body the client
            // cannot parse.
            AnthropicBlocks.toolUse(
                out, call, AnthropicBlocks.input(call.arguments()).orElseGet(Json::object));
        default -> {
          try {
            blocks.add(part, out);
          } catch (WireException e) {
            throw new IllegalStateException("only tool calls can fail", e);
          }
        }
      }
    }
    return out;
  }

  /**
   * Anthropic's message ids read msg_...; another format's id (chatcmpl-...) is given the prefix.
   */
  static String messageId(String id) {
    return id.startsWith("msg_") ? id : "msg_" + id;
  }
}
