package dev.switchboard.policy.detect;

/**
 * Character classes the hand-written prefilters share. {@link #isWord} is RE2's ASCII {@code \w},
 * so a word boundary here is exactly RE2's {@code \b}.
 */
final class Chars {
  private Chars() {}

  static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  static boolean isAsciiAlnum(char c) {
    return isDigit(c) || isAsciiLetter(c);
  }

  /** RE2's {@code \w}: ASCII letters, digits and '_'. */
  static boolean isWord(char c) {
    return isAsciiAlnum(c) || c == '_';
  }

  /** RE2's {@code \s}: tab, newline, form feed, carriage return and space. */
  static boolean isRe2Space(char c) {
    return c == ' ' || c == '\t' || c == '\n' || c == '\f' || c == '\r';
  }

  /** Whether RE2's {@code \b} holds at {@code at}, between {@code at - 1} and {@code at}. */
  static boolean boundary(String text, int at) {
    boolean before = at > 0 && isWord(text.charAt(at - 1));
    boolean after = at < text.length() && isWord(text.charAt(at));
    return before != after;
  }

  /** Whether a word character stands just before {@code at}. */
  static boolean wordBefore(String text, int at) {
    return at > 0 && isWord(text.charAt(at - 1));
  }

  /** Whether a word character stands at {@code at}. */
  static boolean wordAt(String text, int at) {
    return at < text.length() && isWord(text.charAt(at));
  }

  static boolean digitAt(String text, int at) {
    return at >= 0 && at < text.length() && isDigit(text.charAt(at));
  }

  /** The number of ASCII digits in {@code [start, end)}. */
  static int digits(String text, int start, int end) {
    int digits = 0;
    for (int i = start; i < end; i++) {
      if (isDigit(text.charAt(i))) {
        digits++;
      }
    }
    return digits;
  }
}
