package dev.switchboard.wire;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.function.Consumer;
import org.jspecify.annotations.Nullable;

/**
 * Frames a byte stream into server-sent events, however the bytes are split across reads. Lines end
 * in LF, CRLF or CR; comments (":" lines) are dropped; an event ends at a blank line. Lines are cut
 * at byte level, so a UTF-8 character split across reads is decoded whole. Not thread-safe.
 *
 * <p>This runs for every byte of every stream, so it works on bytes: a line wholly inside one read
 * is read where it lies, only a line split across reads is gathered first, and an event's data
 * becomes a String once, when the event is dispatched (before: four copies of every line).
 */
public final class SseDecoder {
  private static final byte[] DATA = {'d', 'a', 't', 'a'};
  private static final byte[] EVENT = {'e', 'v', 'e', 'n', 't'};
  private static final byte[] NEWLINE = {'\n'};

  /** The current partial line: only a line split across reads is gathered here. */
  private byte[] line = new byte[256];

  private int lineLength;

  /** The event's data lines so far, joined by \n, as UTF-8. */
  private byte[] data = new byte[512];

  private int dataLength;
  private String event = "";

  /** The last event type read and its bytes: a stream repeats a few types, one String each. */
  private String lastType = "";

  private byte[] lastTypeBytes = new byte[0];
  private boolean hasData;
  private int lines;
  private boolean lastWasCr;
  private final Frame frame = new Frame();

  public void feed(byte[] bytes, Consumer<SseEvent> out) {
    feed(bytes, 0, bytes.length, out);
  }

  public void feed(byte[] bytes, int offset, int length, Consumer<SseEvent> out) {
    feedFrames(bytes, offset, length, frame -> out.accept(frame.event()));
  }

  /**
   * As {@link #feed(byte[], int, int, Consumer)}, handing out each event as a {@link Frame}: its
   * data as bytes, a String only if asked for.
   */
  public void feedFrames(byte[] bytes, int offset, int length, Consumer<Frame> out) {
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
      if (stop == end) {
        append(bytes, i, stop - i);
        return;
      }
      if (lineLength == 0) {
        endLine(bytes, i, stop - i, out);
      } else {
        append(bytes, i, stop - i);
        int gathered = lineLength;
        lineLength = 0;
        endLine(line, 0, gathered, out);
      }
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
    finishFrames(frame -> out.accept(frame.event()));
  }

  /** As {@link #finish(Consumer)}, for {@link #feedFrames}. */
  public void finishFrames(Consumer<Frame> out) {
    if (lineLength > 0) {
      int gathered = lineLength;
      lineLength = 0;
      endLine(line, 0, gathered, out);
    }
    dispatch(out);
  }

  /** One line, without its ending, at {@code bytes[offset, offset + length)}. */
  private void endLine(byte[] bytes, int offset, int length, Consumer<Frame> out) {
    if (length == 0) {
      dispatch(out);
      return;
    }
    if (bytes[offset] == ':') {
      return;
    }
    int end = offset + length;
    int colon = offset;
    while (colon < end && bytes[colon] != ':') {
      colon++;
    }
    int value = Math.min(colon + 1, end);
    if (value < end && bytes[value] == ' ') {
      value++;
    }
    if (Arrays.equals(bytes, offset, colon, DATA, 0, DATA.length)) {
      if (hasData) {
        appendData(NEWLINE, 0, 1);
      }
      appendData(bytes, value, end - value);
      hasData = true;
      lines++;
    } else if (Arrays.equals(bytes, offset, colon, EVENT, 0, EVENT.length)) {
      event = type(bytes, value, end - value);
    }
    // id and retry carry nothing a chat stream needs.
  }

  private void appendData(byte[] bytes, int offset, int length) {
    if (dataLength + length > data.length) {
      data = Arrays.copyOf(data, Math.max(data.length * 2, dataLength + length));
    }
    System.arraycopy(bytes, offset, data, dataLength, length);
    dataLength += length;
  }

  private String type(byte[] bytes, int offset, int length) {
    if (!Arrays.equals(bytes, offset, offset + length, lastTypeBytes, 0, lastTypeBytes.length)) {
      lastTypeBytes = Arrays.copyOfRange(bytes, offset, offset + length);
      lastType = new String(lastTypeBytes, StandardCharsets.UTF_8);
    }
    return lastType;
  }

  private void dispatch(Consumer<Frame> out) {
    if (hasData) {
      frame.event = null;
      out.accept(frame);
    }
    dataLength = 0;
    event = "";
    hasData = false;
    lines = 0;
  }

  /**
   * One event as framed, its data the UTF-8 bytes {@code data()[0, length())}: a view of the
   * decoder's buffer, valid only until the callback that received it returns.
   */
  public final class Frame {
    private @Nullable SseEvent event;

    private Frame() {}

    /** The event's type, "" when the stream names none. */
    public String type() {
      return SseDecoder.this.event;
    }

    /** The buffer holding the data, from index 0; read only {@link #length()} bytes of it. */
    public byte[] data() {
      return data;
    }

    public int length() {
      return dataLength;
    }

    /** Whether the data spans several data lines (joined by \n). */
    public boolean multiline() {
      return lines > 1;
    }

    /** The event as a String-based SseEvent (made once per frame, on the first call). */
    public SseEvent event() {
      if (event == null) {
        event = new SseEvent(type(), new String(data, 0, dataLength, StandardCharsets.UTF_8));
      }
      return event;
    }
  }
}
