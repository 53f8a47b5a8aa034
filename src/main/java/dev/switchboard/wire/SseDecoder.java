package dev.switchboard.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;

/**
 * Frames a byte stream into server-sent events, however the bytes are split across reads. Lines end
 * in LF, CRLF or CR; comments (":" lines) are dropped; an event ends at a blank line. Lines are cut
 * at byte level, so a UTF-8 character split across reads is decoded whole. Not thread-safe.
 */
public final class SseDecoder {
  // The current partial line; a plain array because this runs for every byte of every stream.
  private byte[] line = new byte[256];
  private int lineLength;
  private final StringBuilder data = new StringBuilder();
  private String event = "";
  private boolean hasData;
  private boolean lastWasCr;

  public void feed(byte[] bytes, Consumer<SseEvent> out) {
    feed(bytes, 0, bytes.length, out);
  }

  public void feed(byte[] bytes, int offset, int length, Consumer<SseEvent> out) {
    int end = offset + length;
    int i = offset;
    if (lastWasCr && i < end && bytes[i] == '\n') {
      i++;
    }
    lastWasCr = false;
    while (i < end) {
      int stop = i;
      while (stop < end && bytes[stop] != '\n' && bytes[stop] != '\r') {
        stop++;
      }
      append(bytes, i, stop - i);
      if (stop == end) {
        return;
      }
      endLine(out);
      i = stop + 1;
      if (bytes[stop] == '\r') {
        if (i == end) {
          lastWasCr = true;
        } else if (bytes[i] == '\n') {
          i++;
        }
      }
    }
  }

  private void append(byte[] bytes, int offset, int length) {
    if (lineLength + length > line.length) {
      line = Arrays.copyOf(line, Math.max(line.length * 2, lineLength + length));
    }
    System.arraycopy(bytes, offset, line, lineLength, length);
    lineLength += length;
  }

  /** Flushes an event left open by a stream that ended without its blank line. */
  public void finish(Consumer<SseEvent> out) {
    if (lineLength > 0) {
      endLine(out);
    }
    dispatch(out);
  }

  private void endLine(Consumer<SseEvent> out) {
    if (lineLength == 0) {
      dispatch(out);
      return;
    }
    String text = new String(line, 0, lineLength, StandardCharsets.UTF_8);
    lineLength = 0;
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
