package dev.switchboard.wire.responses;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.switchboard.wire.ChatRequest;
import dev.switchboard.wire.Freeform;
import dev.switchboard.wire.Json;
import dev.switchboard.wire.Media;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * Rebuilds a Responses body from a request of another format: the system prompt as instructions,
 * the conversation as flat input items, stateless ({@code store: false}, reasoning sent back
 * encrypted). Parts this format cannot carry are dropped and named in {@link #dropped()}.
 */
final class ResponsesRequestWriter {
  private final Set<String> dropped = new LinkedHashSet<>();
  private final Set<String> freeformCalls = new HashSet<>();
  private Set<String> freeform = Set.of();
  private ArrayNode input = Json.array();
  private ArrayNode content = Json.array();
  private String role = "user";

  ObjectNode write(ChatRequest request) throws WireException {
    ObjectNode body = Json.object().put("model", request.model());
    freeform = ResponsesToolNames.of(request).freeform();
    StringBuilder instructions = new StringBuilder();
    for (Part part : request.system()) {
      if (part instanceof Part.Text text) {
        instructions.append(instructions.isEmpty() ? "" : "\n\n").append(text.text());
      } else {
        dropped.add("system." + kind(part));
      }
    }
    if (!instructions.isEmpty()) {
      body.put("instructions", instructions.toString());
    }
    input = body.putArray("input");
    for (Message message : request.messages()) {
      message(message);
    }
    if (!request.tools().isEmpty()) {
      body.set("tools", ResponsesTools.write(request.tools(), ResponsesFormat.NAME));
    }
    ResponsesControls.write(request.controls(), body);
    body.put("store", false);
    body.putArray("include").add("reasoning.encrypted_content");
    return body;
  }

  List<String> dropped() {
    return new ArrayList<>(dropped);
  }

  private void message(Message message) {
    role =
        switch (message.role()) {
          case USER, TOOL -> "user";
          case ASSISTANT -> "assistant";
          case SYSTEM -> "developer";
        };
    for (Part part : message.parts()) {
      part(part);
    }
    flush();
  }

  private void part(Part part) {
    switch (part) {
      case Part.Text t ->
          content
              .addObject()
              .put("type", role.equals("assistant") ? "output_text" : "input_text")
              .put("text", t.text());
      case Part.Image i when !role.equals("assistant") ->
          content.addObject().put("type", "input_image").put("image_url", Media.toUrl(i.media()));
      case Part.Document d when !role.equals("assistant") -> {
        ObjectNode file = content.addObject().put("type", "input_file");
        d.title().ifPresent(title -> file.put("filename", title));
        file.put("file_data", Media.toUrl(d.media()));
      }
      case Part.Thinking t -> item(reasoning(t.text(), ResponsesReasoning.encrypted(t)));
      case Part.RedactedThinking r -> item(reasoning("", ResponsesReasoning.encrypted(r)));
      case Part.ToolUse call -> item(call(call));
      case Part.ToolResult result -> item(output(result));
      case Part.Opaque o when o.format().equals(ResponsesFormat.NAME) -> item(o.json().deepCopy());
      default -> dropped.add(kind(part));
    }
  }

  private ObjectNode reasoning(String text, String encrypted) {
    return ResponsesReasoning.item("rs_" + input.size(), text, encrypted);
  }

  private ObjectNode call(Part.ToolUse call) {
    if (freeform.contains(call.name())) {
      freeformCalls.add(call.id());
      return Json.object()
          .put("type", "custom_tool_call")
          .put("call_id", call.id())
          .put("name", call.name())
          .put("input", Freeform.unwrap(call.arguments()));
    }
    return Json.object()
        .put("type", "function_call")
        .put("call_id", call.id())
        .put("name", call.name())
        .put("arguments", call.arguments());
  }

  private ObjectNode output(Part.ToolResult result) {
    boolean custom = freeformCalls.contains(result.toolUseId());
    ObjectNode item =
        Json.object()
            .put("type", custom ? "custom_tool_call_output" : "function_call_output")
            .put("call_id", result.toolUseId());
    if (result.isError()) {
      dropped.add("is_error");
    }
    boolean textOnly = result.content().stream().allMatch(Part.Text.class::isInstance);
    if (textOnly) {
      item.put("output", result.text());
      return item;
    }
    ArrayNode parts = item.putArray("output");
    for (Part inner : result.content()) {
      switch (inner) {
        case Part.Text t -> parts.addObject().put("type", "input_text").put("text", t.text());
        case Part.Image i ->
            parts.addObject().put("type", "input_image").put("image_url", Media.toUrl(i.media()));
        default -> dropped.add("tool_result." + kind(inner));
      }
    }
    return item;
  }

  /** An item between messages: the message gathered so far goes first, keeping the order. */
  private void item(ObjectNode item) {
    flush();
    input.add(item);
  }

  private void flush() {
    if (!content.isEmpty()) {
      input.addObject().put("type", "message").put("role", role).set("content", content);
      content = Json.array();
    }
  }

  private static String kind(Part part) {
    return switch (part) {
      case Part.Opaque o -> o.type();
      case Part.Image i -> "image";
      case Part.Document d -> "document";
      default -> part.getClass().getSimpleName().toLowerCase(java.util.Locale.ROOT);
    };
  }
}
