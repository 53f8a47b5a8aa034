package dev.switchboard.insight.category;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * Several rules, each a regex alternation of whole words ({@code (?<!\w)(a|b|...)(?!\w)}), matched
 * together in one pass over a lower-case text's word starts, with the regex engine run only where
 * an alternative's literal beginning is already there.
 *
 * <p>Why not the regexes: trying an alternation at every word start cost the classifier 26 us for
 * the bench's 1 KB prompt and 0.9 ms for 4 KB of prose, on the event loop. Here the alternatives
 * are spelled out as literal words where they can be ({@link LiteralForms}) and kept in a trie of
 * their literal beginnings, so a word start costs a walk of a few characters, and a regex runs only
 * where its literal beginning is there. The answer is the regexes': at a word start a rule's
 * alternatives are tried in their order, the first that matches wins, and the rule's next match is
 * looked for after it.
 */
final class WordRules {
  private static final String META = "()[]{}?*+|.^$";
  private static final int ASCII = 128;
  private static final boolean[] WORD = new boolean[ASCII];

  static {
    for (char c = 0; c < ASCII; c++) {
      WORD[c] = Character.isLetterOrDigit(c) || c == '_';
    }
  }

  /** Every alternative, under the node of its literal beginning... */
  private final Trie trie = new Trie();

  /** ...whose beginnings are also in a filter, so most word starts skip the trie. */
  private final Beginnings beginnings = new Beginnings();

  /** ...but those that begin with a whole word ({@code \w+\.py}), and what may follow that word. */
  private Alternative[] afterWord = new Alternative[0];

  // The first characters of what may follow that word: looked up at every word's end.
  private final boolean[] afterWordFirst = new boolean[ASCII];

  private final int rules;

  /** Rule {@code i} is {@code alternations[i]}. */
  WordRules(String... alternations) {
    this.rules = alternations.length;
    for (int rule = 0; rule < alternations.length; rule++) {
      int order = 0;
      for (String alternative : split(alternations[rule])) {
        for (Alternative a : Alternative.of(rule, order, alternative)) {
          if (a.wordFirst) {
            afterWord = Arrays.copyOf(afterWord, afterWord.length + 1);
            afterWord[afterWord.length - 1] = a;
            char first = a.literal.charAt(0);
            if (first >= ASCII) {
              throw new IllegalArgumentException(
                  "after \\w+ only ASCII may follow: " + alternative);
            }
            afterWordFirst[first] = true;
          } else {
            trie.add(a);
            beginnings.add(a.literal);
          }
          order++;
        }
      }
    }
  }

  /**
   * How many different matches each rule finds in {@code text} (lower case), left to right without
   * overlap, as {@code Matcher.results().distinct()} counts them; 0 means the rule is not there.
   */
  int[] count(String text) {
    return countUntil(text, -1);
  }

  /**
   * As {@link #count}, but stops at the first match of rule {@code stop} (none when negative): its
   * count is then 1 and the other rules' are those of the text before it. An agent's system prompt
   * says what it is in its first sentence, and its next 4,000 characters need not be read.
   */
  int[] countUntil(String text, int stop) {
    Scan scan = new Scan(text, rules);
    int i = 0;
    boolean afterWord = false;
    while (i < text.length() && (stop < 0 || scan.counts[stop] == 0)) {
      char c = text.charAt(i);
      if (word(c)) {
        int end = i + 1;
        while (end < text.length() && word(text.charAt(end))) {
          end++;
        }
        scan.at(i, end, this);
        i = end; // no word starts inside a run of \w
        afterWord = true;
      } else {
        // Any other letter (each CJK character) starts a word too, unless a \w is before it.
        if (!afterWord && c >= ASCII && Character.isLetterOrDigit(c)) {
          scan.at(i, i, this);
        }
        afterWord = false;
        i++;
      }
    }
    return scan.counts;
  }

  /** Java's {@code \w}: ASCII letters, digits and the underscore. */
  static boolean word(char c) {
    return c < ASCII && WORD[c];
  }

  /** What one text's scan has found so far, rule by rule. */
  private static final class Scan {
    private static final int NONE = Integer.MAX_VALUE;
    final String text;
    final int[] counts;
    // Where each rule's next match may start (after its last), and at this start its best
    // alternative so far (the first in its order) and that one's end.
    final int[] from;
    final int[] bestOrder;
    final int[] bestEnd;
    final int[] touched;
    final Set<String> seen = new HashSet<>(); // the rule's number then the matched text
    final Matchers matchers;

    Scan(String text, int rules) {
      this.text = text;
      this.counts = new int[rules];
      this.from = new int[rules];
      this.bestOrder = new int[rules];
      this.bestEnd = new int[rules];
      this.touched = new int[rules];
      Arrays.fill(bestOrder, NONE);
      this.matchers = new Matchers(text);
    }

    /**
     * Tries, at {@code start} (a word's, whose run of \w ends at {@code wordEnd}), the alternatives
     * whose literal beginning is there, and those that begin with a whole word.
     */
    void at(int start, int wordEnd, WordRules rules) {
      int touchedCount = 0;
      if (wordEnd > start
          && wordEnd < text.length()
          && text.charAt(wordEnd) < ASCII
          && rules.afterWordFirst[text.charAt(wordEnd)]) {
        touchedCount = tryEach(start, wordEnd, rules.afterWord, touchedCount);
      }
      if (!rules.beginnings.mayBeginAt(text, start)) {
        finish(start, touchedCount);
        return;
      }
      Trie.Node node = rules.trie.root;
      touchedCount = tryEach(start, wordEnd, node.ending, touchedCount);
      for (int i = start; i < text.length() && node != null; i++) {
        node = node.child(text.charAt(i));
        if (node != null) {
          touchedCount = tryEach(start, wordEnd, node.ending, touchedCount);
        }
      }
      finish(start, touchedCount);
    }

    // Records, for each rule that matched at start, its first alternative's match.
    private void finish(int start, int touchedCount) {
      for (int t = 0; t < touchedCount; t++) {
        int rule = touched[t];
        from[rule] = bestEnd[rule];
        if (seen.add((char) rule + text.substring(start, bestEnd[rule]))) {
          counts[rule]++;
        }
        bestOrder[rule] = NONE;
      }
    }

    private int tryEach(int start, int wordEnd, Alternative[] alternatives, int touchedCount) {
      int count = touchedCount;
      for (Alternative a : alternatives) {
        int rule = a.rule;
        if (start < from[rule] || bestOrder[rule] <= a.order) {
          continue; // inside the rule's last match, or an earlier alternative matched here
        }
        int end = a.matchAt(text, start, wordEnd, matchers);
        if (end >= 0) {
          if (bestOrder[rule] == NONE) {
            touched[count++] = rule;
          }
          bestOrder[rule] = a.order;
          bestEnd[rule] = end;
        }
      }
      return count;
    }
  }

  /** The alternatives by their literal beginnings, one character per level. */
  private static final class Trie {
    final Node root = new Node();

    void add(Alternative a) {
      Node node = root;
      for (int i = 0; i < a.literal.length(); i++) {
        node = node.childOrNew(a.literal.charAt(i));
      }
      node.ending = Arrays.copyOf(node.ending, node.ending.length + 1);
      node.ending[node.ending.length - 1] = a;
    }

    /** A literal beginning: what follows it, and the alternatives that begin with exactly it. */
    static final class Node {
      private static final int TABLE_FROM = 4;
      private char[] keys = new char[0];
      private Node[] children = new Node[0];
      // With many children (the root has one per first letter), ASCII ones are looked up here.
      private Node @Nullable [] table;
      Alternative[] ending = new Alternative[0];

      @Nullable Node child(char c) {
        Node[] ascii = table;
        if (ascii != null && c < ASCII) {
          return ascii[c];
        }
        for (int i = 0; i < keys.length; i++) {
          if (keys[i] == c) {
            return children[i];
          }
        }
        return null;
      }

      Node childOrNew(char c) {
        Node found = child(c);
        if (found != null) {
          return found;
        }
        keys = Arrays.copyOf(keys, keys.length + 1);
        children = Arrays.copyOf(children, children.length + 1);
        keys[keys.length - 1] = c;
        Node added = new Node();
        children[children.length - 1] = added;
        if (keys.length >= TABLE_FROM) {
          Node[] ascii = new Node[ASCII];
          for (int i = 0; i < keys.length; i++) {
            if (keys[i] < ASCII) {
              ascii[keys[i]] = children[i];
            }
          }
          table = ascii;
        }
        return added;
      }
    }
  }

  /** The top-level alternatives of {@code alternation} (a bar inside parentheses stays). */
  static List<String> split(String alternation) {
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
   * One alternative of one rule, or one literal form of it: the literal text every match of it
   * begins with (after the word, for one that begins with a whole word), and the regex for the rest
   * (null for a literal form).
   */
  private static final class Alternative {
    final int rule;
    final int order;
    final String literal;
    // A literal form ending in \w*: the match takes the rest of the word.
    final boolean wordTail;
    // A literal form after \w+: it follows the whole word at the start.
    final boolean wordFirst;
    final @Nullable Pattern regex;

    private Alternative(int rule, int order, LiteralForms.Form form) {
      this.rule = rule;
      this.order = order;
      this.literal = form.text();
      this.wordTail = form.wordTail();
      this.wordFirst = form.wordFirst();
      this.regex = null;
    }

    private Alternative(int rule, int order, String literal, Pattern regex) {
      this.rule = rule;
      this.order = order;
      this.literal = literal;
      this.wordTail = false;
      this.wordFirst = false;
      this.regex = regex;
    }

    /** {@code regex} as its literal forms, in order, else as itself. */
    static List<Alternative> of(int rule, int order, String regex) {
      Optional<List<LiteralForms.Form>> forms = LiteralForms.of(regex);
      if (forms.isPresent()) {
        List<Alternative> spelled = new ArrayList<>();
        for (LiteralForms.Form form : forms.get()) {
          checkLowerCase(form.text(), regex);
          if (!form.wordFirst()) {
            checkStart(form.text(), regex);
          }
          spelled.add(new Alternative(rule, order + spelled.size(), form));
        }
        return spelled;
      }
      String literal = literalPrefix(regex);
      checkStart(literal, regex);
      checkLowerCase(literal, regex);
      Pattern compiled = Pattern.compile("(?:" + regex + ")(?![\\w])", Pattern.CASE_INSENSITIVE);
      return List.of(new Alternative(rule, order, literal, compiled));
    }

    private static void checkStart(String literal, String regex) {
      if (literal.isEmpty() || !Character.isLetterOrDigit(literal.charAt(0))) {
        throw new IllegalArgumentException(
            "an alternative must begin with a letter or digit, or \\w+ and a literal: " + regex);
      }
    }

    private static void checkLowerCase(String literal, String regex) {
      if (!literal.equals(literal.toLowerCase(Locale.ROOT))) {
        throw new IllegalArgumentException("an alternative must be in lower case: " + regex);
      }
    }

    /** Where a match that starts at {@code start} ends, or -1. */
    int matchAt(String text, int start, int wordEnd, Matchers matchers) {
      int from = wordFirst ? wordEnd : start;
      if (wordFirst && wordEnd == start || !text.startsWith(literal, from)) {
        return -1;
      }
      int end = from + literal.length();
      if (regex == null) {
        if (wordTail) {
          while (end < text.length() && word(text.charAt(end))) {
            end++;
          }
          return end;
        }
        return end == text.length() || !word(text.charAt(end)) ? end : -1;
      }
      Matcher m = matchers.at(regex, start);
      return m.lookingAt() ? m.end() : -1;
    }

    /**
     * The characters every match begins with: the regex up to its first class, group or
     * alternation, less a character a quantifier makes optional.
     */
    private static String literalPrefix(String regex) {
      StringBuilder literal = new StringBuilder();
      int i = 0;
      while (i < regex.length()) {
        char c = regex.charAt(i);
        int next = i + 1;
        if (c == '\\') {
          if (next >= regex.length() || Character.isLetterOrDigit(regex.charAt(next))) {
            break; // a class such as \w or \d
          }
          c = regex.charAt(next);
          next++;
        } else if (META.indexOf(c) >= 0) {
          break;
        }
        if (next < regex.length() && "?*{".indexOf(regex.charAt(next)) >= 0) {
          break; // optional or repeated: not every match has it here
        }
        literal.append(c);
        i = next;
      }
      return literal.toString();
    }
  }

  /** One matcher per regex for the text being read, moved from start to start. */
  private static final class Matchers {
    private final String text;
    private final Map<Pattern, Matcher> byPattern = new java.util.IdentityHashMap<>();

    Matchers(String text) {
      this.text = text;
    }

    Matcher at(Pattern pattern, int start) {
      return byPattern
          .computeIfAbsent(pattern, p -> p.matcher(text))
          .region(start, text.length())
          .useTransparentBounds(true)
          .useAnchoringBounds(false);
    }
  }
}
