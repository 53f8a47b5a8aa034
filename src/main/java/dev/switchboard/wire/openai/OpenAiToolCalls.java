package dev.switchboard.wire.openai;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.Part;
import java.util.ArrayList;
import java.util.List;

/** A message's {@code tool_calls} array, both ways (requests replay them, responses carry them). */
final class OpenAiToolCalls {
  private OpenAiToolCalls() {}

  static List<Part.ToolUse> decode(JsonNode calls) {
    List<Part.ToolUse> out = new ArrayList<>(calls.size());
    for (JsonNode call : calls) {
      JsonNode function = call.path("function");
      out.add(
          new Part.ToolUse(
              call.path("id").asText(""),
              function.path("name").asText(""),
              function.path("arguments").asText("")));
    }
    return out;
  }

  /** Adds {@code tool_calls} to the message when there are any. */
  static void encode(List<Part.ToolUse> calls, ObjectNode message) {
    if (calls.isEmpty()) {
      return;
    }
    ArrayNode array = message.putArray("tool_calls");
    for (Part.ToolUse call : calls) {
      ObjectNode item = array.addObject().put("id", call.id()).put("type", "function");
      item.putObject("function").put("name", call.name()).put("arguments", call.arguments());
    }
  }
}
