package dev.switchboard.wire.openai;

import java.util.Arrays;
import java.util.List;
import org.jspecify.annotations.Nullable;

/**
 * Most chunks of a stream repeat the one before byte for byte except the text of the delta: the
 * same id, created, model, fingerprint and choice. Such a chunk needs no second JSON parse: its
 * bytes are compared with the last one's around the content string, and only that string is read.
 * Anything else (a different byte outside the string, an escape this reader does not take, an empty
 * text) goes to the full parse. Only for plain ASCII chunks (see OpenAiStreamDecoder), whose bytes
 * Jackson reads one char each. One per stream.
 */
final class OpenAiRepeatedChunk {
  private byte[] last = new byte[512];
  private int lastLength;
  private int contentStart = -1;
  private int contentEnd;
  private OpenAiChunkReader.@Nullable Chunk chunk;
  private final StringBuilder text = new StringBuilder(64);

  /** Remembers a chunk just parsed from {@code data[0, length)}, if it can be repeated. */
  void parsed(byte[] data, int length, OpenAiChunkReader.Chunk parsed) {
    contentStart = parsed.contentAt();
    if (contentStart < 0) {
      return;
    }
    int end = stringEnd(data, length, contentStart);
    if (end < 0) {
      contentStart = -1;
      return;
    }
    if (last.length < length) {
      last = new byte[Math.max(length, last.length * 2)];
    }
    System.arraycopy(data, 0, last, 0, length);
    lastLength = length;
    contentEnd = end;
    chunk = parsed;
  }

  /**
   * The chunk in {@code data[0, length)} if it is the last one with another content text, else null
   * (parse it).
   */
  OpenAiChunkReader.@Nullable Chunk repeat(byte[] data, int length) {
    if (chunk == null
        || contentStart < 0
        || length <= contentStart
        || !Arrays.equals(data, 0, contentStart, last, 0, contentStart)) {
      return null;
    }
    int end = stringEnd(data, length, contentStart);
    int tail = lastLength - contentEnd;
    if (end < 0
        || length - end != tail
        || !Arrays.equals(data, end, length, last, contentEnd, lastLength)
        || !unescape(data, contentStart + 1, end - 1)
        || text.isEmpty()) {
      return null;
    }
    OpenAiChunkReader.Piece.Content before =
        (OpenAiChunkReader.Piece.Content) chunk.pieces().get(0);
    int shift = end - contentEnd;
    OpenAiChunkReader.Spans spans = chunk.spans();
    return new OpenAiChunkReader.Chunk(
        chunk.id(),
        chunk.created(),
        chunk.model(),
        new OpenAiChunkReader.Spans(
            after(spans.id(), shift),
            after(spans.created(), shift),
            after(spans.model(), shift),
            after(spans.provider(), shift)),
        List.of(new OpenAiChunkReader.Piece.Content(before.choice(), text.toString())),
        chunk.usage(),
        chunk.error(),
        contentStart);
  }

  private int after(int span, int shift) {
    return span > contentStart ? span + shift : span;
  }

  /** The offset past the JSON string opening at {@code start}; -1 if it does not close. */
  private static int stringEnd(byte[] data, int length, int start) {
    if (data[start] != '"') {
      return -1;
    }
    for (int i = start + 1; i < length; i++) {
      if (data[i] == '"') {
        return i + 1;
      }
      if (data[i] == '\\') {
        i++;
      }
    }
    return -1;
  }

  /**
   * Reads the string's text into {@link #text} as Jackson would; false for what Jackson would
   * refuse (a control character, an unknown escape), which the full parse then reports, and for
   * non-ASCII, which it reads.
   */
  private boolean unescape(byte[] data, int from, int to) {
    text.setLength(0);
    for (int i = from; i < to; i++) {
      if (data[i] < 0x20) {
        // A control character, or a byte of a multi-byte UTF-8 character (negative).
        return false;
      }
      char c = (char) data[i];
      if (c != '\\') {
        text.append(c);
        continue;
      }
      if (++i >= to) {
        return false;
      }
      switch (data[i]) {
        case '"', '\\', '/' -> text.append((char) data[i]);
        case 'b' -> text.append('\b');
        case 'f' -> text.append('\f');
        case 'n' -> text.append('\n');
        case 'r' -> text.append('\r');
        case 't' -> text.append('\t');
        case 'u' -> {
          if (i + 4 >= to) {
            return false;
          }
          int code = 0;
          for (int k = 1; k <= 4; k++) {
            int digit = Character.digit(data[i + k], 16);
            if (digit < 0) {
              return false;
            }
            code = code * 16 + digit;
          }
          text.append((char) code);
          i += 4;
        }
        default -> {
          return false;
        }
      }
    }
    return true;
  }
}
