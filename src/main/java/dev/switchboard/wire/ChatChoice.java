package dev.switchboard.wire;

import java.util.List;
import java.util.Optional;

/** One generated answer of a non-streamed response. */
public record ChatChoice(
    int index,
    String text,
    Optional<String> reasoning,
    List<ToolCall> toolCalls,
    Optional<String> refusal,
    FinishReason finishReason) {
  public ChatChoice {
    toolCalls = List.copyOf(toolCalls);
  }
}
