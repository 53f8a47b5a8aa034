package dev.switchboard.wire;

/**
 * The canonical stream vocabulary, a superset of what the wire formats stream. {@code index} is the
 * position of the choice (OpenAI) or the content block (Anthropic).
 */
public sealed interface ChatEvent {
  /** The response began; id and model as the provider named them. */
  record Started(String id, String model) implements ChatEvent {}

  record TextDelta(int index, String text) implements ChatEvent {}

  record ReasoningDelta(int index, String text) implements ChatEvent {}

  /** A tool call began at position {@code toolIndex} within choice {@code index}. */
  record ToolCallStarted(int index, int toolIndex, String id, String name) implements ChatEvent {}

  record ToolArgumentsDelta(int index, int toolIndex, String jsonFragment) implements ChatEvent {}

  record UsageReported(Usage usage) implements ChatEvent {}

  /** The provider said the answer is complete; the only terminal event. */
  record Finished(int index, FinishReason reason) implements ChatEvent {}
}
