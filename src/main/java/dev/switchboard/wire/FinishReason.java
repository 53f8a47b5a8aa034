package dev.switchboard.wire;

/** Why the model stopped. ERROR is only ever set by a provider, never invented for a cut stream. */
public enum FinishReason {
  STOP,
  LENGTH,
  TOOL_CALLS,
  CONTENT_FILTER,
  ERROR
}
