package dev.switchboard.wire;

import java.util.List;
import java.util.Optional;

/** A complete, non-streamed chat response in the canonical model. */
public record ChatResponse(
    String id, String model, long created, List<ChatChoice> choices, Optional<Usage> usage) {
  public ChatResponse {
    choices = List.copyOf(choices);
  }

  /** All generated text (content, reasoning and tool arguments): the input to token estimates. */
  public String completionText() {
    StringBuilder text = new StringBuilder();
    for (ChatChoice choice : choices) {
      text.append(choice.text());
      choice.reasoning().ifPresent(text::append);
      for (ToolCall call : choice.toolCalls()) {
        text.append(call.name()).append(call.arguments());
      }
    }
    return text.toString();
  }
}
