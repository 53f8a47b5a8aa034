package dev.switchboard.tokens;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Objects;

/**
 * Counts the tokens of a text in OpenAI's o200k_base encoding, exactly as jtokkit's {@code
 * Encoding.countTokensOrdinary} does (special tokens count as plain text), from the vocabulary file
 * jtokkit ships, held in a few MB of arrays. Immutable and thread-safe; each count allocates only
 * scratch arrays sized to its longest piece.
 */
public final class O200kCounter {
  /** The vocabulary file inside jtokkit's jar. */
  static final String RESOURCE = "com/knuddels/jtokkit/o200k_base.tiktoken";

  private final Vocabulary vocabulary;

  private O200kCounter(Vocabulary vocabulary) {
    this.vocabulary = vocabulary;
  }

  /** Reads the vocabulary from jtokkit's jar on the class path (tens of milliseconds). */
  public static O200kCounter load() {
    try (InputStream in = O200kCounter.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new IllegalStateException(RESOURCE + " is not on the class path");
      }
      return new O200kCounter(Vocabulary.parse(in.readAllBytes()));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + RESOURCE, e);
    }
  }

  /** The number of tokens in {@code text}. */
  public int count(String text) {
    return count(text, 0, text.length());
  }

  /** The number of tokens in {@code text.substring(from, to)}, without copying it. */
  public int count(String text, int from, int to) {
    Objects.checkFromToIndex(from, to, text.length());
    Merges merges = new Merges(vocabulary);
    byte[] bytes = new byte[256];
    int tokens = 0;
    for (int at = from; at < to; ) {
      int end = Pieces.end(text, at, to);
      if (bytes.length < 3 * (end - at)) {
        bytes = new byte[6 * (end - at)];
      }
      tokens += merges.count(bytes, utf8(text, at, end, bytes));
      at = end;
    }
    return tokens;
  }

  /**
   * Writes {@code text[from .. to)} as UTF-8 into {@code out} and returns its length. A surrogate
   * without its other half becomes {@code '?'}, as {@code String.getBytes(UTF_8)} makes it.
   */
  static int utf8(String text, int from, int to, byte[] out) {
    int at = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        out[at++] = (byte) c;
      } else if (c < 0x800) {
        out[at++] = (byte) (0xc0 | c >> 6);
        out[at++] = (byte) (0x80 | (c & 0x3f));
      } else if (!Character.isSurrogate(c)) {
        out[at++] = (byte) (0xe0 | c >> 12);
        out[at++] = (byte) (0x80 | (c >> 6 & 0x3f));
        out[at++] = (byte) (0x80 | (c & 0x3f));
      } else if (Character.isHighSurrogate(c)
          && i + 1 < to
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        int code = Character.toCodePoint(c, text.charAt(++i));
        out[at++] = (byte) (0xf0 | code >> 18);
        out[at++] = (byte) (0x80 | (code >> 12 & 0x3f));
        out[at++] = (byte) (0x80 | (code >> 6 & 0x3f));
        out[at++] = (byte) (0x80 | (code & 0x3f));
      } else {
        out[at++] = '?';
      }
    }
    return at;
  }
}
