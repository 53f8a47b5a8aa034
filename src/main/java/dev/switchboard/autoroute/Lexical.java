package dev.switchboard.autoroute;

import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Surface counts of a prompt that say something about its difficulty on any subject: how long it
 * is, how much of it is numbers, mathematics or code, how many questions and lines it has; then
 * what kind of request it is, from common English words (asks to compute or to explain; negations
 * and constraints; listed items) and how its prose reads (word length, variety, sentence length).
 * Nothing names a benchmark, a subject or a dataset's layout.
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
          "questions",
          "log_compute_words",
          "log_explain_words",
          "log_negations",
          "log_constraints",
          "log_wh_words",
          "log_list_items",
          "mean_word_length",
          "long_word_share",
          "distinct_word_share",
          "log_words_per_sentence",
          "dollar_share",
          "log_code_marks");

  private static final int CASE = Pattern.CASE_INSENSITIVE;

  /** Word patterns whose counts are features, in {@link #NAMES} order after the first ten. */
  private static final List<Pattern> WORDS =
      List.of(
          Pattern.compile(
              "\\b(calculate|compute|solve|find|derive|prove|evaluate|determine|estimate"
                  + "|simplify|how many|how much)\\b",
              CASE),
          Pattern.compile(
              "\\b(explain|why|describe|discuss|compare|analy[sz]e|justify|argue)\\b", CASE),
          Pattern.compile("\\b(not|except|never|false|incorrect|least|no)\\b", CASE),
          Pattern.compile(
              "\\b(must|should|at least|at most|exactly|without|only|each|every|all"
                  + "|no more than|no less than|unless|if)\\b",
              CASE),
          Pattern.compile("\\b(what|which|who|when|where|whom|whose)\\b", CASE),
          Pattern.compile("^\\s*(?:[-*\u2022]|\\d+[.)]|[A-Da-d][.)])\\s", Pattern.MULTILINE));

  private static final Pattern WORD = Pattern.compile("[A-Za-z]+");
  private static final Pattern SENTENCE_END = Pattern.compile("[.!?](\\s|$)");
  private static final int LONG_WORD = 9;

  private Lexical() {}

  /** The features of {@code text}, unscaled. */
  static double[] of(String text) {
    double[] features = new double[NAMES.size()];
    counts(text, features);
    int at = 10;
    for (Pattern pattern : WORDS) {
      features[at++] = Math.log1p(count(pattern, text));
    }
    prose(text, features, at);
    return features;
  }

  /** The first ten features: character classes, words, lines, numbers and question marks. */
  private static void counts(String text, double[] features) {
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
    double[] first = {
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
    System.arraycopy(first, 0, features, 0, first.length);
  }

  /** How the prose reads: word length and variety, sentence length, dollars and code marks. */
  private static void prose(String text, double[] features, int at) {
    Matcher word = WORD.matcher(text);
    int words = 0;
    int letters = 0;
    int longWords = 0;
    java.util.Set<String> distinct = new java.util.HashSet<>();
    while (word.find()) {
      int length = word.end() - word.start();
      words++;
      letters += length;
      longWords += length >= LONG_WORD ? 1 : 0;
      distinct.add(word.group().toLowerCase(java.util.Locale.ROOT));
    }
    double perWord = Math.max(1, words);
    int sentences = Math.max(1, count(SENTENCE_END, text));
    features[at] = letters / perWord;
    features[at + 1] = longWords / perWord;
    features[at + 2] = distinct.size() / perWord;
    features[at + 3] = Math.log1p(perWord / sentences);
    features[at + 4] = count('$', text) / (double) Math.max(1, text.length());
    features[at + 5] = Math.log1p(occurrences(text, "```") + count('\\', text));
  }

  private static int count(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    int n = 0;
    while (matcher.find()) {
      n++;
    }
    return n;
  }

  private static int count(char c, String text) {
    int n = 0;
    for (int i = 0; i < text.length(); i++) {
      n += text.charAt(i) == c ? 1 : 0;
    }
    return n;
  }

  private static int occurrences(String text, String part) {
    int n = 0;
    for (int i = text.indexOf(part); i >= 0; i = text.indexOf(part, i + part.length())) {
      n++;
    }
    return n;
  }
}
