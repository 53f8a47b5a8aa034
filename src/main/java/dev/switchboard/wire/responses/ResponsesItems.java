package dev.switchboard.wire.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Freeform;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Part;

/**
 * The output items of a response as the Responses API writes them (also the input items a client
 * replays): assistant messages, reasoning, function calls and freeform tool calls. {@code status}
 * is "in_progress" in a stream's output_item.added, "completed" elsewhere.
 */
final class ResponsesItems {
  static final String COMPLETED = "completed";
  static final String IN_PROGRESS = "in_progress";

  private ResponsesItems() {}

  static ObjectNode message(String id, String status) {
    ObjectNode item =
        Json.object()
            .put("id", id)
            .put("type", "message")
            .put("status", status)
            .put("role", "assistant");
    item.putArray("content");
    return item;
  }

  /** An output_text part: annotations and logprobs empty, as the API sends them. */
  static ObjectNode outputText(String text) {
    ObjectNode part = Json.object().put("type", "output_text");
    part.putArray("annotations");
    part.putArray("logprobs");
    part.put("text", text);
    return part;
  }

  static ObjectNode reasoning(String id) {
    ObjectNode item = Json.object().put("id", id).put("type", "reasoning");
    item.putArray("summary");
    return item;
  }

  /**
   * A tool call: a {@code custom_tool_call} with the raw input when the client offered {@code name}
   * as a freeform tool (the provider's wrapped arguments unwrapped), else a {@code function_call},
   * with its namespace when the client's tool had one.
   */
  static ObjectNode toolCall(
      String id, Part.ToolUse call, ResponsesToolNames names, String status) {
    if (names.isFreeform(call.name())) {
      return Json.object()
          .put("id", id)
          .put("type", "custom_tool_call")
          .put("status", status)
          .put("call_id", call.id())
          .put("name", call.name())
          .put("input", Freeform.unwrap(call.arguments()));
    }
    ObjectNode function =
        Json.object()
            .put("id", id)
            .put("type", "function_call")
            .put("status", status)
            .put("arguments", call.arguments())
            .put("call_id", call.id())
            .put("name", call.name());
    names.namespace(call.name()).ifPresent(namespace -> function.put("namespace", namespace));
    return function;
  }

  /**
   * An item id of the gateway's own: the type's prefix (msg, rs, fc, ctc), the response id and the
   * item's position, so it is unique within a conversation and stable for one answer.
   */
  static String id(String prefix, String responseId, int index) {
    return prefix + "_" + responseId.replaceFirst("^resp_", "") + "_" + index;
  }
}
