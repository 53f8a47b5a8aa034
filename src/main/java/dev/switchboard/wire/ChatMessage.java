package dev.switchboard.wire;

import java.util.List;
import java.util.Optional;

/**
 * One message of a conversation. {@code text} is all of its text parts joined, which is what token
 * estimates and detectors read; formats keep the original structure in the request source.
 */
public record ChatMessage(
    String role, String text, List<ToolCall> toolCalls, Optional<String> toolCallId) {
  public ChatMessage {
    toolCalls = List.copyOf(toolCalls);
  }

  public static ChatMessage of(String role, String text) {
    return new ChatMessage(role, text, List.of(), Optional.empty());
  }
}
