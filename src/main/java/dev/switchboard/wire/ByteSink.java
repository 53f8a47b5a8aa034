package dev.switchboard.wire;

import java.nio.charset.StandardCharsets;

/**
 * Where a relay writes the client's bytes (an SSE frame, whole): the gateway appends them to its
 * outgoing buffer. Bytes passed in may be reused once {@code write} returns.
 */
@FunctionalInterface
public interface ByteSink {
  void write(byte[] bytes, int offset, int length);

  /** Writes an event's whole frame (a String-built event: one copy to bytes). */
  default void frame(SseEvent event) {
    byte[] bytes = event.frame().getBytes(StandardCharsets.UTF_8);
    write(bytes, 0, bytes.length);
  }
}
