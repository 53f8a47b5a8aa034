package dev.switchboard.wire;

/**
 * The canonical stream vocabulary, a superset of what the wire formats stream. {@code index} is the
 * position of the choice (OpenAI) or the content block (Anthropic).
 */
public sealed interface ChatEvent {
  /**
   * The response began; id, creation time (epoch seconds, 0 when unknown) and model as the provider
   * named them.
   */
  record Started(String id, long created, String model) implements ChatEvent {}

  /** A piece of the answer text. */
  record TextDelta(int index, String text) implements ChatEvent {}

  /** A piece of the model's reasoning, streamed before or beside the answer. */
  record ReasoningDelta(int index, String text) implements ChatEvent {}

  /** A tool call began at position {@code toolIndex} within choice {@code index}. */
  record ToolCallStarted(int index, int toolIndex, String id, String name) implements ChatEvent {}

  /** A fragment of a tool call's JSON arguments; fragments concatenate to the whole. */
  record ToolArgumentsDelta(int index, int toolIndex, String jsonFragment) implements ChatEvent {}

  /** The provider's token counts for the whole request. */
  record UsageReported(Usage usage) implements ChatEvent {}

  /** The provider said the answer is complete; the only terminal event. */
  record Finished(int index, FinishReason reason) implements ChatEvent {}
}
