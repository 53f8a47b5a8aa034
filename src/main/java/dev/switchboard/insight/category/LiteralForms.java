package dev.switchboard.insight.category;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.jspecify.annotations.Nullable;

/**
 * Spells a regex alternative out as the literal words it matches, in the order the regex tries
 * them, when it is simple enough: literal characters, groups of such alternatives {@code (a|b)},
 * optional characters and groups ({@code s?}, {@code (age)?}, tried with them first, as a greedy
 * regex does), classes of single characters ({@code [sz]}), a {@code \w*} at the end and a {@code
 * \w+} at the start (before a non-word character). {@code role ?-?play\w*} becomes {@code
 * role-play\w*, roleplay\w*, role -play\w*, role play\w*}... so matching it needs no regex.
 */
final class LiteralForms {
  private static final int MOST = 64;
  private static final String WORD_TAIL = "\\w*";
  private static final String WORD_RUN = "\\w+";

  /**
   * One spelled-out form: its text, whether the rest of the word may follow ({@code \w*} at the
   * end), and whether a whole word comes before it ({@code \w+} at the start, then a non-word
   * character: the run of word characters cannot give one back).
   */
  record Form(String text, boolean wordTail, boolean wordFirst) {}

  private final String regex;
  private int at;

  private LiteralForms(String regex) {
    this.regex = regex;
  }

  /** The forms of {@code alternative} in the regex's order, or empty when it is not that simple. */
  static Optional<List<Form>> of(String alternative) {
    boolean tail = alternative.endsWith(WORD_TAIL) && !alternative.endsWith("\\" + WORD_TAIL);
    String body =
        tail ? alternative.substring(0, alternative.length() - WORD_TAIL.length()) : alternative;
    boolean first = body.startsWith(WORD_RUN);
    body = first ? body.substring(WORD_RUN.length()) : body;
    LiteralForms parser = new LiteralForms(body);
    List<String> texts = parser.sequence();
    if (texts == null || parser.at != body.length()) {
      return Optional.empty();
    }
    if (first && texts.stream().anyMatch(t -> t.isEmpty() || WordRules.word(t.charAt(0)))) {
      return Optional.empty(); // the run of \w+ could give characters back to it
    }
    return Optional.of(texts.stream().map(text -> new Form(text, tail, first)).toList());
  }

  // sequence := element*, up to a '|' or ')' it leaves for the caller.
  private @Nullable List<String> sequence() {
    List<String> texts = List.of("");
    while (at < regex.length() && regex.charAt(at) != '|' && regex.charAt(at) != ')') {
      List<String> element = element();
      if (element == null) {
        return null;
      }
      texts = product(texts, element);
      if (texts == null) {
        return null;
      }
    }
    return texts;
  }

  // element := (char | \x | [chars] | (seq|seq...)) '?'?
  private @Nullable List<String> element() {
    char c = regex.charAt(at);
    List<String> choices;
    if (c == '(') {
      choices = group();
    } else if (c == '[') {
      choices = characterClass();
    } else if (c == '\\') {
      if (at + 1 >= regex.length() || Character.isLetterOrDigit(regex.charAt(at + 1))) {
        return null; // \w, \d...: not a literal
      }
      choices = List.of(String.valueOf(regex.charAt(at + 1)));
      at += 2;
    } else if ("{}?*+.^$]".indexOf(c) >= 0) {
      return null;
    } else {
      choices = List.of(String.valueOf(c));
      at++;
    }
    if (choices == null) {
      return null;
    }
    if (at < regex.length() && regex.charAt(at) == '?') {
      at++;
      List<String> optional = new ArrayList<>(choices);
      optional.add(""); // greedy: with it first
      return optional;
    }
    if (at < regex.length() && "*+{".indexOf(regex.charAt(at)) >= 0) {
      return null;
    }
    return choices;
  }

  private @Nullable List<String> group() {
    at++; // (
    List<String> choices = new ArrayList<>();
    while (true) {
      List<String> alternative = sequence();
      if (alternative == null || at >= regex.length()) {
        return null;
      }
      choices.addAll(alternative);
      char c = regex.charAt(at++);
      if (c == ')') {
        return choices;
      }
    }
  }

  private @Nullable List<String> characterClass() {
    int close = regex.indexOf(']', at);
    if (close < 0) {
      return null;
    }
    List<String> choices = new ArrayList<>();
    for (int i = at + 1; i < close; i++) {
      char c = regex.charAt(i);
      if (c == '\\' || c == '^' || c == '-' || c == '[') {
        return null; // escapes, negation and ranges stay regexes
      }
      choices.add(String.valueOf(c));
    }
    at = close + 1;
    return choices;
  }

  private static @Nullable List<String> product(List<String> before, List<String> element) {
    if ((long) before.size() * element.size() > MOST) {
      return null;
    }
    List<String> texts = new ArrayList<>();
    for (String head : before) {
      for (String tail : element) {
        texts.add(head + tail);
      }
    }
    return texts;
  }
}
