package dev.switchboard.wire;

/**
 * The canonical stream vocabulary, a superset of what the wire formats stream. Events are indexed
 * by content block, in order of appearance from 0 (Anthropic's index; OpenAI's and Gemini's
 * decoders number their text, reasoning and tool-call runs the same way). A block opens with its
 * first event; {@link BlockStopped} is sent when the format says so, and an encoder closes an open
 * block itself before opening the next one or finishing.
 */
public sealed interface ChatEvent {
  /**
   * The response began; id, creation time (epoch seconds, 0 when unknown) and model as the provider
   * named them.
   */
  record Started(String id, long created, String model) implements ChatEvent {}

  /** A piece of the answer text. */
  record TextDelta(int block, String text) implements ChatEvent {}

  /** A piece of the model's reasoning. */
  record ReasoningDelta(int block, String text) implements ChatEvent {}

  /** The signature of a reasoning block; byte-exact, to be sent back with the block next turn. */
  record ReasoningSignature(int block, String signature) implements ChatEvent {}

  /** A whole reasoning block the provider encrypted. */
  record RedactedReasoning(int block, String data) implements ChatEvent {}

  /** A tool call began; its arguments follow as {@link ToolArgumentsDelta}s of the same block. */
  record ToolCallStarted(int block, String id, String name) implements ChatEvent {}

  /** A fragment of a tool call's JSON arguments; fragments concatenate to the whole. */
  record ToolArgumentsDelta(int block, String jsonFragment) implements ChatEvent {}

  /** The block is complete. */
  record BlockStopped(int block) implements ChatEvent {}

  /** The provider's token counts for the whole request (a later report replaces an earlier one). */
  record UsageReported(Usage usage) implements ChatEvent {}

  /** The provider said the answer is complete; the only terminal event. */
  record Finished(Finish finish) implements ChatEvent {}
}
