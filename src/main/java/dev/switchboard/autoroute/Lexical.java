package dev.switchboard.autoroute;

import java.util.List;

/**
 * Surface counts of a prompt that say something about its difficulty on any subject: how long it
 * is, how much of it is numbers, mathematics or code, how many questions and lines it has.
 */
final class Lexical {
  /** The feature names, in the order {@link #of} returns them (and the weights file lists them). */
  static final List<String> NAMES =
      List.of(
          "log_chars",
          "log_words",
          "log_lines",
          "log_numbers",
          "digit_share",
          "math_share",
          "code_share",
          "upper_share",
          "non_ascii_share",
          "questions");

  private Lexical() {}

  /** The features of {@code text}, unscaled. */
  static double[] of(String text) {
    int length = text.length();
    int digits = 0;
    int math = 0;
    int code = 0;
    int upper = 0;
    int nonAscii = 0;
    int lines = 1;
    int questions = 0;
    int words = 0;
    int numbers = 0;
    boolean inWord = false;
    boolean inNumber = false;
    for (int i = 0; i < length; i++) {
      char c = text.charAt(i);
      boolean digit = c >= '0' && c <= '9';
      digits += digit ? 1 : 0;
      numbers += digit && !inNumber ? 1 : 0;
      inNumber = digit || (inNumber && (c == '.' || c == ','));
      math += "+-*/=^<>%\\".indexOf(c) >= 0 ? 1 : 0;
      code += "{}();[]_`#".indexOf(c) >= 0 ? 1 : 0;
      upper += Character.isUpperCase(c) ? 1 : 0;
      nonAscii += c > 127 ? 1 : 0;
      lines += c == '\n' ? 1 : 0;
      questions += c == '?' ? 1 : 0;
      boolean letter = !Character.isWhitespace(c);
      words += letter && !inWord ? 1 : 0;
      inWord = letter;
    }
    double share = Math.max(1, length);
    return new double[] {
      Math.log1p(length),
      Math.log1p(words),
      Math.log1p(lines),
      Math.log1p(numbers),
      digits / share,
      math / share,
      code / share,
      upper / share,
      nonAscii / share,
      Math.min(questions, 5)
    };
  }
}
