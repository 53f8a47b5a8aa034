package dev.switchboard.wire;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.function.Consumer;

/**
 * Frames a byte stream into server-sent events, however the bytes are split across reads. Lines end
 * in LF, CRLF or CR; comments (":" lines) are dropped; an event ends at a blank line. Lines are cut
 * at byte level, so a UTF-8 character split across reads is decoded whole. Not thread-safe.
 */
public final class SseDecoder {
  private final ByteArrayOutputStream line = new ByteArrayOutputStream(256);
  private final StringBuilder data = new StringBuilder();
  private String event = "";
  private boolean hasData;
  private boolean lastWasCr;

  public void feed(byte[] bytes, Consumer<SseEvent> out) {
    feed(bytes, 0, bytes.length, out);
  }

  public void feed(byte[] bytes, int offset, int length, Consumer<SseEvent> out) {
    for (int i = offset; i < offset + length; i++) {
      byte b = bytes[i];
      if (b == '\n' && lastWasCr) {
        lastWasCr = false;
        continue;
      }
      lastWasCr = b == '\r';
      if (b == '\n' || b == '\r') {
        endLine(out);
      } else {
        line.write(b);
      }
    }
  }

  /** Flushes an event left open by a stream that ended without its blank line. */
  public void finish(Consumer<SseEvent> out) {
    if (line.size() > 0) {
      endLine(out);
    }
    dispatch(out);
  }

  private void endLine(Consumer<SseEvent> out) {
    if (line.size() == 0) {
      dispatch(out);
      return;
    }
    String text = line.toString(StandardCharsets.UTF_8);
    line.reset();
    if (text.startsWith(":")) {
      return;
    }
    int colon = text.indexOf(':');
    String field = colon < 0 ? text : text.substring(0, colon);
    String value = colon < 0 ? "" : text.substring(colon + 1);
    if (value.startsWith(" ")) {
      value = value.substring(1);
    }
    switch (field) {
      case "data" -> {
        if (hasData) {
          data.append('\n');
        }
        data.append(value);
        hasData = true;
      }
      case "event" -> event = value;
      default -> {
        // id and retry carry nothing a chat stream needs.
      }
    }
  }

  private void dispatch(Consumer<SseEvent> out) {
    if (hasData) {
      out.accept(new SseEvent(event, data.toString()));
    }
    data.setLength(0);
    event = "";
    hasData = false;
  }
}
