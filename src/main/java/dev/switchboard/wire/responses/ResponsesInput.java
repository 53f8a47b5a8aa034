package dev.switchboard.wire.responses;

import com.fasterxml.jackson.databind.JsonNode;
import dev.switchboard.wire.ContentParts;
import dev.switchboard.wire.Freeform;
import dev.switchboard.wire.JsonKind;
import dev.switchboard.wire.Media;
import dev.switchboard.wire.Message;
import dev.switchboard.wire.Part;
import dev.switchboard.wire.Role;
import dev.switchboard.wire.WireException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A request's {@code input} as the canonical conversation. Items are flat in this format: a run of
 * assistant messages, reasoning items and tool calls is one assistant turn, kept in order (a
 * provider checks that reasoning precedes the calls it led to); each tool output is a tool turn.
 */
final class ResponsesInput {
  private final List<Message> messages = new ArrayList<>();
  private final List<Part> assistant = new ArrayList<>();

  private ResponsesInput() {}

  static List<Message> read(JsonNode input) throws WireException {
    if (input.isTextual()) {
      return List.of(Message.text(Role.USER, input.asText()));
    }
    ResponsesInput reader = new ResponsesInput();
    for (int i = 0; i < input.size(); i++) {
      reader.item(input.get(i), "input[" + i + "]");
    }
    reader.endTurn();
    return reader.messages;
  }

  private void item(JsonNode item, String path) throws WireException {
    JsonKind.OBJECT.check(item, path);
    String type = item.path("type").asText("message");
    switch (type) {
      case "message" -> message(item, path);
      case "reasoning" -> assistant.add(ResponsesReasoning.read(item));
      case "function_call" ->
          assistant.add(
              new Part.ToolUse(
                  string(item, "call_id", path),
                  string(item, "name", path),
                  item.path("arguments").asText("")));
      case "custom_tool_call" ->
          assistant.add(
              new Part.ToolUse(
                  string(item, "call_id", path),
                  string(item, "name", path),
                  Freeform.wrap(item.path("input").asText(""))));
      case "function_call_output", "custom_tool_call_output" -> toolOutput(item, path);
      case "item_reference" ->
          throw new WireException(
              path + ": item_reference needs stored items; send the item itself", path, null);
      default -> assistant.add(new Part.Opaque(ResponsesFormat.NAME, type, item));
    }
  }

  private void message(JsonNode item, String path) throws WireException {
    JsonNode role = item.get("role");
    if (role == null || !role.isTextual()) {
      throw new WireException(path + ".role: required, a string", path + ".role", null);
    }
    List<Part> content = content(item.get("content"), path + ".content");
    Role canonical =
        switch (role.asText()) {
          case "assistant" -> null;
          case "user" -> Role.USER;
          case "system", "developer" -> Role.SYSTEM;
          default ->
              throw new WireException(
                  path + ".role: expected user, assistant, system or developer",
                  path + ".role",
                  null);
        };
    if (canonical == null) {
      assistant.addAll(content);
      return;
    }
    endTurn();
    messages.add(new Message(canonical, content));
  }

  private void toolOutput(JsonNode item, String path) throws WireException {
    endTurn();
    String callId = string(item, "call_id", path);
    JsonNode output = item.path("output");
    List<Part> content =
        output.isArray() ? content(output, path + ".output") : List.of(Part.Text.of(text(output)));
    messages.add(
        new Message(
            Role.TOOL, List.of(new Part.ToolResult(callId, content, false, Optional.empty()))));
  }

  /** Ends the assistant turn being gathered, if any. */
  private void endTurn() {
    if (!assistant.isEmpty()) {
      messages.add(new Message(Role.ASSISTANT, assistant));
      assistant.clear();
    }
  }

  static List<Part> content(JsonNode content, String path) throws WireException {
    if (content == null || content.isNull()) {
      return List.of();
    }
    return ContentParts.read(content, path, "content parts", ResponsesInput::part);
  }

  private static Part part(JsonNode part, String path) throws WireException {
    JsonKind.OBJECT.check(part, path);
    String type = part.path("type").asText("");
    return switch (type) {
      case "input_text", "output_text", "text" -> Part.Text.of(string(part, "text", path));
      case "refusal" -> Part.Text.of(string(part, "refusal", path));
      case "input_image" ->
          part.path("image_url").isTextual()
              ? new Part.Image(Media.ofUrl(part.get("image_url").asText()), Optional.empty())
              : new Part.Opaque(ResponsesFormat.NAME, type, part);
      case "input_file" ->
          part.path("file_data").isTextual()
              ? new Part.Document(
                  Media.ofUrl(part.get("file_data").asText()),
                  Optional.ofNullable(part.path("filename").textValue()),
                  Optional.empty())
              : new Part.Opaque(ResponsesFormat.NAME, type, part);
      default -> new Part.Opaque(ResponsesFormat.NAME, type, part);
    };
  }

  private static String text(JsonNode output) {
    return output.isTextual() ? output.asText() : output.isMissingNode() ? "" : output.toString();
  }

  private static String string(JsonNode node, String field, String path) throws WireException {
    JsonNode value = node.path(field);
    if (!value.isTextual()) {
      throw new WireException(
          path + "." + field + ": required, a string", path + "." + field, null);
    }
    return value.asText();
  }
}
