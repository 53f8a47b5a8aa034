package dev.switchboard.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.ChatResponse;
import dev.switchboard.wire.Freeform;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Non-streamed response objects to and from the canonical ChatResponse. */
final class ResponsesResponseCodec {
  private ResponsesResponseCodec() {}

  /**
   * The answer as a response object; the calls of the freeform tools {@code request} offered go out
   * as custom tool calls with their raw input.
   */
  static byte[] encode(ChatResponse response, @Nullable ChatRequest request) {
    String id = responseId(response.id());
    ObjectNode root =
        ResponsesEnvelope.of(
            id, response.created(), response.model(), ResponsesItems.COMPLETED, request);
    ResponsesToolNames names = ResponsesToolNames.of(request);
    ArrayNode output = root.withArray("output");
    ObjectNode message = null;
    for (Part part : response.content()) {
      int index = output.size();
      switch (part) {
        case Part.Text t -> {
          if (message == null) {
            message = ResponsesItems.message(ResponsesItems.id("msg", id, index), "completed");
            output.add(message);
          }
          message.withArray("content").add(ResponsesItems.outputText(t.text()));
          continue;
        }
        case Part.Thinking t ->
            output.add(
                ResponsesReasoning.item(
                    ResponsesItems.id("rs", id, index), t.text(), ResponsesReasoning.encrypted(t)));
        case Part.RedactedThinking r ->
            output.add(
                ResponsesReasoning.item(
                    ResponsesItems.id("rs", id, index), "", ResponsesReasoning.encrypted(r)));
        case Part.ToolUse call -> {
          boolean custom = names.isFreeform(call.name());
          String itemId = ResponsesItems.id(custom ? "ctc" : "fc", id, index);
          output.add(ResponsesItems.toolCall(itemId, call, names, ResponsesItems.COMPLETED));
        }
        case Part.Opaque o when o.format().equals(ResponsesFormat.NAME) -> output.add(o.json());
        default -> {
          // Images, documents, tool results and other formats' blocks are not output items.
        }
      }
      message = null;
    }
    ResponsesEnvelope.finish(root, response.finish());
    response.usage().ifPresent(usage -> root.set("usage", ResponsesUsage.encode(usage)));
    return Json.bytes(root);
  }

  /** The gateway's id with the API's prefix, once. */
  static String responseId(String id) {
    return id.startsWith("resp_") ? id : "resp_" + id;
  }

  static ChatResponse decode(JsonNode root) throws WireException {
    JsonNode output = root.path("output");
    if (!root.path("object").asText("response").equals("response") || !output.isArray()) {
      throw new WireException("upstream response has no output");
    }
    List<Part> content = new ArrayList<>(output.size());
    boolean calledTools = false;
    for (JsonNode item : output) {
      String type = item.path("type").asText("");
      switch (type) {
        case "message" -> {
          for (JsonNode part : item.path("content")) {
            String text = part.path("text").asText(part.path("refusal").asText(""));
            if (!text.isEmpty()) {
              content.add(Part.Text.of(text));
            }
          }
        }
        case "reasoning" -> content.add(ResponsesReasoning.read(item));
        case "function_call", "custom_tool_call" -> {
          calledTools = true;
          String arguments =
              type.equals("function_call")
                  ? item.path("arguments").asText("")
                  : Freeform.wrap(item.path("input").asText(""));
          content.add(
              new Part.ToolUse(
                  item.path("call_id").asText(""), item.path("name").asText(""), arguments));
        }
        default -> content.add(new Part.Opaque(ResponsesFormat.NAME, type, item));
      }
    }
    return new ChatResponse(
        root.path("id").asText(""),
        root.path("model").asText(""),
        root.path("created_at").asLong(0),
        content,
        ResponsesEnvelope.finishOf(root, calledTools),
        ResponsesUsage.decode(root.path("usage")));
  }
}
