package dev.switchboard.wire;

/**
 * Why the model stopped. ERROR is only ever set by a provider, never invented for a cut stream.
 * OTHER is a reason the format does not know: it is never mapped to STOP, since a cut answer must
 * not look complete; {@link Finish#raw()} keeps the provider's word.
 */
public enum FinishReason {
  /** The model finished its turn (OpenAI stop, Anthropic end_turn, Gemini STOP). */
  STOP,
  /** A client stop sequence matched. */
  STOP_SEQUENCE,
  /** The output token limit was reached. */
  LENGTH,
  /** The model called tools and waits for their results. */
  TOOL_CALLS,
  /** A safety system or the model itself refused (content_filter, refusal, SAFETY). */
  CONTENT_FILTER,
  /** A long-running turn paused; the client continues it (Anthropic pause_turn). */
  PAUSE,
  ERROR,
  OTHER
}
