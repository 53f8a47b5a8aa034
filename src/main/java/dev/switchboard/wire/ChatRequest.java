package dev.switchboard.wire;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.OptionalLong;

/**
 * A chat request in the canonical model. {@code source} keeps the body exactly as the client sent
 * it, so an upstream of the same format receives every field, including ones we never interpret.
 */
public record ChatRequest(
    String model,
    List<ChatMessage> messages,
    List<ToolSpec> tools,
    boolean stream,
    OptionalLong maxOutputTokens,
    Source source) {

  /** The original body and the format it was written in. Treat the body as read-only. */
  public record Source(String format, ObjectNode body) {}

  public ChatRequest {
    messages = List.copyOf(messages);
    tools = List.copyOf(tools);
  }

  /** All message text, in order: the input to token estimates. */
  public String promptText() {
    StringBuilder text = new StringBuilder();
    for (ChatMessage message : messages) {
      text.append(message.role()).append('\n').append(message.text()).append('\n');
      for (ToolCall call : message.toolCalls()) {
        text.append(call.name()).append(call.arguments()).append('\n');
      }
    }
    return text.toString();
  }
}
