package dev.switchboard.sim;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * Which tool, if any, a user's words ask for. A tool is asked for when the text names it
 * ("get_weather"), uses a word of its name ("weather"), or shares at least two words with its
 * description; the best score wins and the earlier tool wins a tie. Deterministic and crude on
 * purpose: it only has to make "Hello" stay text and "Weather in Paris?" call get_weather.
 */
final class ToolMatcher {
  private static final int NAMED = 1_000;
  private static final int NAME_WORD = 10;
  private static final int MIN_DESCRIPTION_WORDS = 2;
  private static final Set<String> COMMON =
      Set.of(
          "the",
          "and",
          "for",
          "with",
          "this",
          "that",
          "from",
          "what",
          "when",
          "where",
          "which",
          "your",
          "you",
          "are",
          "was",
          "will",
          "have",
          "has",
          "use",
          "using",
          "used",
          "into",
          "about",
          "each",
          "should",
          "would",
          "could",
          "can",
          "not",
          "all",
          "any",
          "get",
          "set",
          "some",
          "then",
          "than",
          "them",
          "they",
          "their",
          "there",
          "here",
          "also",
          "only",
          "more",
          "most",
          "other",
          "such",
          "must",
          "may",
          "does",
          "did",
          "done",
          "make",
          "like",
          "just",
          "please",
          "give",
          "tell",
          "show",
          "want",
          "need",
          "how",
          "why",
          "who",
          "way",
          "one",
          "tool",
          "tools",
          "function",
          "call",
          "returns",
          "return",
          "given",
          "value",
          "values");

  private ToolMatcher() {}

  /** The function these words ask for, if any. */
  static Optional<JsonNode> match(List<JsonNode> functions, String text) {
    Set<String> words = words(text);
    Set<String> tokens =
        Set.copyOf(Arrays.asList(text.toLowerCase(Locale.ROOT).split("[^a-z0-9_\\-]+")));
    JsonNode best = null;
    int bestScore = 0;
    for (JsonNode function : functions) {
      int score = score(function, words, tokens);
      if (score > bestScore) {
        best = function;
        bestScore = score;
      }
    }
    return Optional.ofNullable(best);
  }

  private static int score(JsonNode function, Set<String> words, Set<String> tokens) {
    String name = function.path("name").asText("");
    if (!name.isEmpty() && tokens.contains(name.toLowerCase(Locale.ROOT))) {
      return NAMED;
    }
    int nameHits = hits(words(name), words);
    int descriptionHits = hits(words(function.path("description").asText("")), words);
    if (nameHits == 0 && descriptionHits < MIN_DESCRIPTION_WORDS) {
      return 0;
    }
    return nameHits * NAME_WORD + descriptionHits;
  }

  private static int hits(Set<String> candidates, Set<String> words) {
    int hits = 0;
    for (String candidate : candidates) {
      if (words.contains(candidate)) {
        hits++;
      }
    }
    return hits;
  }

  /** Lower-case words of three letters or more, split at non-letters and camelCase humps. */
  static Set<String> words(String text) {
    String spaced = text.replaceAll("([a-z])([A-Z])", "$1 $2").toLowerCase(Locale.ROOT);
    Set<String> words = new HashSet<>();
    for (String word : spaced.split("[^a-z0-9]+")) {
      if (word.length() >= 3 && !COMMON.contains(word)) {
        words.add(word);
      }
    }
    return words;
  }
}
