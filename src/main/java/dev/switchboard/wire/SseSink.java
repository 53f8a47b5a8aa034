package dev.switchboard.wire;

/** Where a stream encoder writes: whole events, in order. */
public interface SseSink {
  void event(SseEvent event);
}
