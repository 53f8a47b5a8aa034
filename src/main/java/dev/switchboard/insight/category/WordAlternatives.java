package dev.switchboard.insight.category;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * A regex alternation of whole words, {@code (?<!\w)(a|b|...)(?!\w)}, matched the same way but
 * fast: the alternatives are grouped by their first character, and at each word start only the
 * group of that character is tried (a plain alternation tries all of them at every word start,
 * which cost the classifier 60 to 110 us per 1 KB prompt on the event loop). An alternative that
 * starts with an escape ({@code \w+\.py}) is tried at every word start, after the others.
 */
final class WordAlternatives {
  private static final String END = ")(?![\\w])";

  private final Map<Character, Pattern> byFirst = new HashMap<>();
  private final @Nullable Pattern anyStart;

  WordAlternatives(String alternatives) {
    Map<Character, List<String>> groups = new HashMap<>();
    List<String> other = new ArrayList<>();
    for (String alternative : split(alternatives)) {
      char first = alternative.charAt(0);
      if (Character.isLetterOrDigit(first)) {
        groups.computeIfAbsent(first, c -> new ArrayList<>()).add(alternative);
      } else {
        other.add(alternative);
      }
    }
    groups.forEach((c, list) -> byFirst.put(c, compile(list)));
    anyStart = other.isEmpty() ? null : compile(other);
  }

  private static Pattern compile(List<String> alternatives) {
    return Pattern.compile("(" + String.join("|", alternatives) + END, Pattern.CASE_INSENSITIVE);
  }

  /** Whether any alternative matches a whole word (or words) of {@code text}. */
  boolean find(Text text) {
    for (int start : text.starts) {
      if (matchAt(text, start) != null) {
        return true;
      }
    }
    return false;
  }

  /** How many different matches {@code text} holds, found left to right without overlap. */
  int count(Text text) {
    Set<String> seen = new HashSet<>();
    int from = 0;
    for (int start : text.starts) {
      if (start < from) {
        continue;
      }
      Matcher m = matchAt(text, start);
      if (m != null) {
        seen.add(m.group());
        from = m.end();
      }
    }
    return seen.size();
  }

  private @Nullable Matcher matchAt(Text text, int start) {
    Pattern group = byFirst.get(text.value.charAt(start));
    if (group != null) {
      Matcher m = region(group, text, start);
      if (m.lookingAt()) {
        return m;
      }
    }
    if (anyStart != null) {
      Matcher m = region(anyStart, text, start);
      if (m.lookingAt()) {
        return m;
      }
    }
    return null;
  }

  private static Matcher region(Pattern pattern, Text text, int start) {
    return text.matchers
        .computeIfAbsent(pattern, p -> p.matcher(text.value))
        .region(start, text.value.length())
        .useTransparentBounds(true)
        .useAnchoringBounds(false);
  }

  /** The top-level alternatives of {@code alternation} (a bar inside parentheses stays). */
  private static List<String> split(String alternation) {
    List<String> parts = new ArrayList<>();
    int depth = 0;
    int from = 0;
    for (int i = 0; i < alternation.length(); i++) {
      char c = alternation.charAt(i);
      if (c == '\\') {
        i++;
      } else if (c == '(') {
        depth++;
      } else if (c == ')') {
        depth--;
      } else if (c == '|' && depth == 0) {
        parts.add(alternation.substring(from, i));
        from = i + 1;
      }
    }
    parts.add(alternation.substring(from));
    return parts;
  }

  /**
   * A text and the places a word may start (a letter, digit or underscore after no {@code \w}
   * character, as the lookbehind asks), found once for every rule.
   */
  static final class Text {
    final String value;
    final int[] starts;

    /** One matcher per rule for this text, moved from start to start (a matcher is not cheap). */
    final Map<Pattern, Matcher> matchers = new java.util.IdentityHashMap<>();

    Text(String value) {
      this.value = value;
      // Every character may start one: a letter that is not \\w (CJK) follows another.
      int[] found = new int[value.length()];
      int n = 0;
      for (int i = 0; i < value.length(); i++) {
        char c = value.charAt(i);
        if ((Character.isLetterOrDigit(c) || c == '_') && (i == 0 || !word(value.charAt(i - 1)))) {
          found[n++] = i;
        }
      }
      this.starts = java.util.Arrays.copyOf(found, n);
    }

    /** Java's {@code \w}: ASCII letters, digits and the underscore. */
    private static boolean word(char c) {
      return c < 128 && (Character.isLetterOrDigit(c) || c == '_');
    }
  }
}
