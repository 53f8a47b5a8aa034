package dev.switchboard.wire.responses;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Freeform;
import dev.switchboard.wire.Part;

/**
 * The output item a stream is writing: which canonical block it is, its position and id, and what
 * it accumulated for its .done events (text, reasoning and its proof, or a call's arguments).
 */
final class ResponsesOpenItem {
  /** What the item is. */
  enum Kind {
    MESSAGE,
    REASONING,
    FUNCTION_CALL,
    CUSTOM_TOOL_CALL
  }

  final int block;
  final int outputIndex;
  final String id;
  final Kind kind;
  final StringBuilder text = new StringBuilder();

  /** The call's id and name, for a tool call item. */
  final String callId;

  final String name;

  /** encrypted_content of a reasoning item, once the provider sent it. */
  String encrypted = "";

  /** Whether a reasoning item opened its summary part (it did once text arrived). */
  boolean summaryOpened;

  ResponsesOpenItem(int block, int outputIndex, String id, Kind kind, String callId, String name) {
    this.block = block;
    this.outputIndex = outputIndex;
    this.id = id;
    this.kind = kind;
    this.callId = callId;
    this.name = name;
  }

  /** The item as output_item.added or output_item.done shows it. */
  ObjectNode item(String status, ResponsesToolNames names) {
    boolean done = status.equals(ResponsesItems.COMPLETED);
    return switch (kind) {
      case MESSAGE -> {
        ObjectNode message = ResponsesItems.message(id, status);
        if (done) {
          message.withArray("content").add(ResponsesItems.outputText(text.toString()));
        }
        yield message;
      }
      case REASONING ->
          done
              ? ResponsesReasoning.item(id, text.toString(), encrypted)
              : ResponsesItems.reasoning(id);
      case FUNCTION_CALL, CUSTOM_TOOL_CALL ->
          ResponsesItems.toolCall(
              id,
              new Part.ToolUse(
                  callId,
                  name,
                  done ? text.toString() : kind == Kind.CUSTOM_TOOL_CALL ? Freeform.wrap("") : ""),
              names,
              status);
    };
  }

  /** The raw input of a custom tool call: the provider's wrapped arguments, unwrapped. */
  String input() {
    return Freeform.unwrap(text.toString());
  }
}
