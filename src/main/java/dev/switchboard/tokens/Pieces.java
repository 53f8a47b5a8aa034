package dev.switchboard.tokens;

/**
 * OpenAI's o200k_base pre-tokenizer written out by hand: where the piece that starts at a given
 * character ends, exactly as {@code java.util.regex} matches jtokkit's pattern for it, compiled
 * with {@code UNICODE_CHARACTER_CLASS} (the test holds both to the same pieces). Its seven
 * alternatives, tried in order at each position, first success wins, each greedy with backtracking:
 *
 * <pre>
 * 1  [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]*[\p{Ll}\p{Lm}\p{Lo}\p{M}]+(?i:'s|'t|'re|'ve|'m|'ll|'d)?
 * 2  [^\r\n\p{L}\p{N}]?[\p{Lu}\p{Lt}\p{Lm}\p{Lo}\p{M}]+[\p{Ll}\p{Lm}\p{Lo}\p{M}]*(?i:'s|'t|'re|'ve|'m|'ll|'d)?
 * 3  \p{N}{1,3}
 * 4   ?[^\s\p{L}\p{N}]+[\r\n/]*
 * 5  \s*[\r\n]+
 * 6  \s+(?!\S)
 * 7  \s+
 * </pre>
 *
 * Every character starts some alternative, so the pieces of a text follow each other with no gap.
 * Like the matcher, it reads code points, and a surrogate whose other half is missing or outside
 * the text is a character of its own. The regex is about four fifths of jtokkit's counting time.
 */
final class Pieces {
  // Classes of a code point, as bits: \p{L}, \p{N}, the "upper" set of 1 and 2 (Lu Lt Lm Lo M),
  // their "lower" set (Ll Lm Lo M), \s (White_Space under UNICODE_CHARACTER_CLASS), \r or \n.
  static final int LETTER = 1;
  static final int NUMBER = 2;
  static final int UPPER = 4;
  static final int LOWER = 8;
  static final int SPACE = 16;
  static final int NEWLINE = 32;

  private static final byte[] ASCII = new byte[128];

  static {
    for (int c = 0; c < 128; c++) {
      ASCII[c] = (byte) classify(c);
    }
  }

  private Pieces() {}

  /** The classes of {@code code}: a sum of the bits above. */
  static int classOf(int code) {
    return code < 128 ? ASCII[code] : classify(code);
  }

  private static int classify(int code) {
    int type = Character.getType(code);
    int bits =
        switch (type) {
          case Character.UPPERCASE_LETTER, Character.TITLECASE_LETTER -> LETTER | UPPER;
          case Character.LOWERCASE_LETTER -> LETTER | LOWER;
          case Character.MODIFIER_LETTER, Character.OTHER_LETTER -> LETTER | UPPER | LOWER;
          case Character.NON_SPACING_MARK,
              Character.ENCLOSING_MARK,
              Character.COMBINING_SPACING_MARK ->
              UPPER | LOWER;
          case Character.DECIMAL_DIGIT_NUMBER, Character.LETTER_NUMBER, Character.OTHER_NUMBER ->
              NUMBER;
          case Character.SPACE_SEPARATOR, Character.LINE_SEPARATOR, Character.PARAGRAPH_SEPARATOR ->
              SPACE;
          default -> 0;
        };
    // java.util.regex's White_Space: the separators above, U+0009..U+000D and U+0085.
    if ((code >= 0x9 && code <= 0xd) || code == 0x85) {
      bits |= SPACE;
    }
    return code == '\r' || code == '\n' ? bits | NEWLINE : bits;
  }

  /** Where the piece of {@code text[.. to)} that starts at {@code at < to} ends. */
  static int end(String text, int at, int to) {
    int first = codePoint(text, at, to);
    int second = at + Character.charCount(first);
    int kind = classOf(first);
    // [^\r\n\p{L}\p{N}]: the optional first character of alternatives 1 and 2.
    boolean prefix = (kind & (LETTER | NUMBER | NEWLINE)) == 0;
    int end;
    if ((prefix && (end = lowerWord(text, second, to)) >= 0)
        || (end = lowerWord(text, at, to)) >= 0
        || (prefix && (end = upperWord(text, second, to)) >= 0)
        || (end = upperWord(text, at, to)) >= 0) {
      return end;
    }
    if ((kind & NUMBER) != 0) {
      return numbers(text, second, to);
    }
    if ((kind & SPACE) == 0) {
      return symbols(text, second, to); // kind is [^\s\p{L}\p{N}]
    }
    if (first == ' ' && second < to && isSymbol(codePoint(text, second, to))) {
      return symbols(text, second + Character.charCount(codePoint(text, second, to)), to);
    }
    return spaces(text, at, to);
  }

  /** Alternative 1 after its optional first character: upper* lower+ contraction?, or -1. */
  private static int lowerWord(String text, int at, int to) {
    // upper* is greedy: it gives back characters until lower+ can start, at the last of the run's
    // characters that is also lower (Lm Lo M) if the one after the run is not lower.
    int lastLower = -1;
    int i = at;
    while (i < to) {
      int code = codePoint(text, i, to);
      int kind = classOf(code);
      if ((kind & UPPER) == 0) {
        break;
      }
      if ((kind & LOWER) != 0) {
        lastLower = i;
      }
      i += Character.charCount(code);
    }
    if (i < to && (classOf(codePoint(text, i, to)) & LOWER) != 0) {
      return contraction(text, run(text, i, to, LOWER), to);
    }
    if (lastLower < 0) {
      return -1;
    }
    // lower+ from there stops after one character: what follows it is Lu, Lt or not lower.
    return contraction(text, lastLower + Character.charCount(codePoint(text, lastLower, to)), to);
  }

  /** Alternative 2 after its optional first character: upper+ lower* contraction?, or -1. */
  private static int upperWord(String text, int at, int to) {
    int end = run(text, at, to, UPPER);
    return end == at ? -1 : contraction(text, run(text, end, to, LOWER), to);
  }

  /** After {@code at}, (?i:'s|'t|'re|'ve|'m|'ll|'d) if present. */
  private static int contraction(String text, int at, int to) {
    if (at + 1 >= to || text.charAt(at) != '\'') {
      return at;
    }
    int one = codePoint(text, at + 1, to);
    int afterOne = at + 1 + Character.charCount(one);
    int folded = fold(one);
    if (folded == 's' || folded == 't' || folded == 'm' || folded == 'd') {
      return afterOne;
    }
    if ((folded == 'r' || folded == 'v' || folded == 'l') && afterOne < to) {
      int two = codePoint(text, afterOne, to);
      int second = fold(two);
      if ((folded == 'l' && second == 'l') || (folded != 'l' && second == 'e')) {
        return afterOne + Character.charCount(two);
      }
    }
    return at;
  }

  /** How {@code (?i)} compares characters under {@code UNICODE_CASE}: ſ matches s, for one. */
  private static int fold(int code) {
    return code < 128
        ? (code >= 'A' && code <= 'Z' ? code + 32 : code)
        : Character.toLowerCase(Character.toUpperCase(code));
  }

  /** Alternative 3 after its first digit: up to two more \p{N}. */
  private static int numbers(String text, int at, int to) {
    int end = at;
    for (int n = 0; n < 2 && end < to; n++) {
      int code = codePoint(text, end, to);
      if ((classOf(code) & NUMBER) == 0) {
        break;
      }
      end += Character.charCount(code);
    }
    return end;
  }

  private static boolean isSymbol(int code) {
    return (classOf(code) & (LETTER | NUMBER | SPACE)) == 0;
  }

  /** Alternative 4 after its first symbol: more symbols, then [\r\n/]*. */
  private static int symbols(String text, int at, int to) {
    int end = at;
    while (end < to) {
      int code = codePoint(text, end, to);
      if (!isSymbol(code)) {
        break;
      }
      end += Character.charCount(code);
    }
    while (end < to
        && (text.charAt(end) == '\r' || text.charAt(end) == '\n' || text.charAt(end) == '/')) {
      end++;
    }
    return end;
  }

  /** Alternatives 5, 6 and 7 from a white-space character (all of them are single chars). */
  private static int spaces(String text, int at, int to) {
    int lastNewline = -1;
    int end = at;
    while (end < to) {
      int kind = classOf(codePoint(text, end, to));
      if ((kind & SPACE) == 0) {
        break;
      }
      if ((kind & NEWLINE) != 0) {
        lastNewline = end;
      }
      end++;
    }
    if (lastNewline >= 0) {
      return lastNewline + 1; // \s* gives back up to the last \r or \n, which [\r\n]+ takes
    }
    // \s+(?!\S) gives back the last white space unless the text ends here; then \s+.
    return end == to || end - at == 1 ? end : end - 1;
  }

  /** The end of the run of code points from {@code at} that have any of {@code bits}. */
  private static int run(String text, int at, int to, int bits) {
    int i = at;
    while (i < to) {
      int code = codePoint(text, i, to);
      if ((classOf(code) & bits) == 0) {
        break;
      }
      i += Character.charCount(code);
    }
    return i;
  }

  /** The code point at {@code at}, a surrogate pair only if both halves lie before {@code to}. */
  static int codePoint(String text, int at, int to) {
    char c = text.charAt(at);
    if (Character.isHighSurrogate(c) && at + 1 < to) {
      char low = text.charAt(at + 1);
      if (Character.isLowSurrogate(low)) {
        return Character.toCodePoint(c, low);
      }
    }
    return c;
  }
}
