package dev.switchboard.sim;

import java.util.Optional;

/**
 * What the simulated model says to one request, before it is put on the wire. Reasoning may be
 * empty; content is empty when the answer is a tool call. {@code finishReason} uses OpenAI's words.
 */
record Answer(
    String reasoning,
    String content,
    Optional<ToolCall> toolCall,
    String finishReason,
    TokenUsage usage) {

  /** One function call; {@code arguments} is a JSON object as text. */
  record ToolCall(String id, String name, String arguments) {}

  /** Usage in OpenAI's semantics: prompt includes cached, completion includes reasoning. */
  record TokenUsage(int prompt, int completion, int cached, int reasoning) {
    int total() {
      return prompt + completion;
    }
  }
}
