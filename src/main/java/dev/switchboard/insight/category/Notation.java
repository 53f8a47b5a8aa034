package dev.switchboard.insight.category;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The two rules of the classifier that are about notation rather than words, answered exactly as
 * their regexes would be but without running a regex at every character (4 KB took 0.1 to 0.3 ms
 * each): a code block, and arithmetic.
 */
final class Notation {
  // An indented line of code: four blanks at a line start, then a line ending in ; { or }.
  private static final Pattern INDENTED_CODE =
      Pattern.compile("^\\s{4}\\S.*[;{}]\\s*$", Pattern.MULTILINE);
  private static final String OPERATORS = "-+*/^=<>";
  private static final String ASSIGNMENTS = "-+*/^=";
  private static final boolean[] OPERATOR = new boolean[128];

  static {
    OPERATORS.chars().forEach(c -> OPERATOR[c] = true);
  }

  private Notation() {}

  /** {@code ```|^\s{4}\S.*[;{}]\s*$} (multi-line) is found in {@code text}. */
  static boolean codeBlock(String text) {
    if (text.contains("```")) {
      return true;
    }
    if (!containsAny(text, ";{}")) {
      return false;
    }
    // ^ matches only at a line start, and \s{4} needs a blank there: the regex starts nowhere else.
    Matcher m = null;
    for (int i = 0; i < text.length(); i++) {
      if (blank(text.charAt(i)) && (i == 0 || lineEnd(text.charAt(i - 1)))) {
        m = m == null ? INDENTED_CODE.matcher(text) : m;
        m.region(i, text.length()).useTransparentBounds(true).useAnchoringBounds(false);
        if (m.lookingAt()) {
          return true;
        }
      }
    }
    return false;
  }

  /**
   * {@code \d+\s*[-+*\/^=<>]\s*\d+|\b[xyz]\s*[-+*\/^=]} is found in {@code text} (lower case): an
   * operator with a digit on both sides, or a variable before it, blanks allowed in between.
   */
  static boolean arithmetic(String text) {
    for (int i = 0; i < text.length(); i++) {
      char op = text.charAt(i);
      if (op >= OPERATOR.length || !OPERATOR[op]) {
        continue; // most characters: one look-up
      }
      int before = i - 1;
      while (before >= 0 && blank(text.charAt(before))) {
        before--;
      }
      if (before < 0) {
        continue;
      }
      char left = text.charAt(before);
      if (digit(left) && digitAfter(text, i + 1)) {
        return true;
      }
      if ("xyz".indexOf(left) >= 0
          && ASSIGNMENTS.indexOf(op) >= 0
          && (before == 0 || !WordRules.word(text.charAt(before - 1)))) {
        return true;
      }
    }
    return false;
  }

  private static boolean digitAfter(String text, int from) {
    int i = from;
    while (i < text.length() && blank(text.charAt(i))) {
      i++;
    }
    return i < text.length() && digit(text.charAt(i));
  }

  private static boolean containsAny(String text, String chars) {
    for (int i = 0; i < chars.length(); i++) {
      if (text.indexOf(chars.charAt(i)) >= 0) {
        return true;
      }
    }
    return false;
  }

  /** Java's {@code \d}. */
  private static boolean digit(char c) {
    return c >= '0' && c <= '9';
  }

  /** Java's {@code \s}: space, tab, line feed, vertical tab, form feed, carriage return. */
  private static boolean blank(char c) {
    return c == ' ' || c >= '\t' && c <= '\r';
  }

  // The line terminators after which a multi-line ^ may match (the regex's own ^ then decides).
  private static boolean lineEnd(char c) {
    return c == '\n' || c == '\r' || c == '\u0085' || c == '\u2028' || c == '\u2029';
  }
}
