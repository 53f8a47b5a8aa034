package dev.switchboard.wire.openai;

import java.util.Arrays;

/**
 * Up to four replacements (an insertion is an empty range) in one chunk's UTF-8 bytes, applied in
 * offset order whatever the call order, written into a buffer the caller reuses. One per relay,
 * reused for every chunk.
 */
final class OpenAiSplice {
  private static final int MAX = 4;
  private final int[] starts = new int[MAX];
  private final int[] ends = new int[MAX];
  private final byte[][] values = new byte[MAX][];
  private byte[] data = new byte[0];
  private int length;
  private int count;
  private int resultLength;

  /** Starts the splice of {@code data[0, length)}. */
  void start(byte[] data, int length) {
    this.data = data;
    this.length = length;
    this.count = 0;
  }

  void replace(int start, int end, byte[] value) {
    int at = count++;
    while (at > 0 && starts[at - 1] > start) {
      starts[at] = starts[at - 1];
      ends[at] = ends[at - 1];
      values[at] = values[at - 1];
      at--;
    }
    starts[at] = start;
    ends[at] = end;
    values[at] = value;
  }

  boolean changed() {
    return count > 0;
  }

  /**
   * Writes the result into {@code buffer} (or a larger one, returned); see {@link #resultLength}.
   */
  byte[] into(byte[] buffer) {
    int size = length;
    for (int i = 0; i < count; i++) {
      size += values[i].length - (ends[i] - starts[i]);
    }
    byte[] out = buffer.length >= size ? buffer : new byte[Math.max(size, buffer.length * 2)];
    int from = 0;
    int to = 0;
    for (int i = 0; i < count; i++) {
      System.arraycopy(data, from, out, to, starts[i] - from);
      to += starts[i] - from;
      System.arraycopy(values[i], 0, out, to, values[i].length);
      to += values[i].length;
      from = ends[i];
    }
    System.arraycopy(data, from, out, to, length - from);
    resultLength = size;
    return out;
  }

  int resultLength() {
    return resultLength;
  }

  /** The offset just past the JSON string that opens at {@code start}. */
  int stringEnd(int start) {
    int i = start + 1;
    while (data[i] != '"') {
      i += data[i] == '\\' ? 2 : 1;
    }
    return i + 1;
  }

  int numberEnd(int start) {
    int i = start;
    while (i < length && "+-.0123456789eE".indexOf(data[i]) >= 0) {
      i++;
    }
    return i;
  }

  /** Whether {@code data[start, end)} is {@code value}. */
  boolean holds(int start, int end, byte[] value) {
    return Arrays.equals(data, start, end, value, 0, value.length);
  }

  int indexOf(char c) {
    for (int i = 0; i < length; i++) {
      if (data[i] == c) {
        return i;
      }
    }
    return -1;
  }

  /** Whether only JSON whitespace stands between {@code from} and the closing brace. */
  boolean emptyFrom(int from) {
    int i = from;
    while (i < length
        && (data[i] == ' ' || data[i] == '\t' || data[i] == '\n' || data[i] == '\r')) {
      i++;
    }
    return i < length && data[i] == '}';
  }
}
