package dev.switchboard.wire;

import java.util.function.Consumer;

/**
 * Turns one upstream stream of this format into canonical events. One per attempt, single-threaded.
 * An in-band upstream error surfaces as {@link UpstreamStreamError}.
 */
public interface StreamDecoder {
  void decode(SseEvent event, Consumer<ChatEvent> out) throws WireException, UpstreamStreamError;

  /**
   * As {@link #decode(SseEvent, Consumer)}, for an event still in the SSE decoder's bytes: a format
   * that reads bytes overrides this and never makes a String of the event.
   */
  default void decode(SseDecoder.Frame frame, Consumer<ChatEvent> out)
      throws WireException, UpstreamStreamError {
    decode(frame.event(), out);
  }

  /** Called at the end of the upstream bytes; no terminal event seen means the answer was cut. */
  void finish(Consumer<ChatEvent> out) throws StreamTruncated;
}
