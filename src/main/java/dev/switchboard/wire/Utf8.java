package dev.switchboard.wire;

/** UTF-8 lengths of Java text, counted without encoding it. */
public final class Utf8 {
  private Utf8() {}

  /**
   * The bytes {@code text[from, to)} takes in UTF-8, as {@code getBytes(UTF_8)} writes it: a
   * surrogate pair is 4 bytes, a lone surrogate becomes '?' (1 byte).
   */
  public static long length(String text, int from, int to) {
    long bytes = 0;
    for (int i = from; i < to; i++) {
      char c = text.charAt(i);
      if (c < 0x80) {
        bytes += 1;
      } else if (c < 0x800) {
        bytes += 2;
      } else if (Character.isHighSurrogate(c)
          && i + 1 < text.length()
          && Character.isLowSurrogate(text.charAt(i + 1))) {
        bytes += 4;
        i++;
      } else {
        bytes += Character.isSurrogate(c) ? 1 : 3;
      }
    }
    return bytes;
  }
}
