package dev.switchboard.sim;

import java.util.List;
import java.util.SplittableRandom;

/**
 * Seeded plausible English from a tiny grammar (determiner, adjective, noun, verb, object, an
 * optional phrase), so answers read like prose, differ per request and repeat exactly per seed.
 * Output is ASCII, which keeps token pieces aligned with characters.
 */
final class TextGenerator {
  private static final List<String> DETERMINERS = words("the a every each this our that one");
  private static final List<String> ADJECTIVES =
      words(
          "quiet careful simple steady small bright useful patient clear gentle modern reliable"
              + " early curious practical hidden quick narrow open local");
  private static final List<String> NOUNS =
      words(
          "model request answer river garden system engineer message library journey market"
              + " story question signal network teacher city window process result team plan"
              + " detail bridge recipe");
  private static final List<String> VERBS =
      words(
          "reads builds finds carries explains follows improves shapes checks measures answers"
              + " connects guides describes protects returns shares changes");
  private static final List<String> PREPOSITIONS =
      words("with through across near beyond under after before within");
  private static final List<String> OPENERS =
      List.of(
          "Okay, let me think about this.",
          "Let me work through the question step by step.",
          "First, I should understand what is being asked.");

  private static final int MAX_QUOTE = 160;

  private TextGenerator() {}

  /** Whole sentences until the text holds at least {@code minTokens} o200k tokens. */
  static String prose(SplittableRandom random, int minTokens) {
    StringBuilder text = new StringBuilder();
    while (Tokenizer.count(text.toString()) < minTokens) {
      if (!text.isEmpty()) {
        text.append(' ');
      }
      text.append(sentence(random));
    }
    return text.toString();
  }

  /** Like {@link #prose}, but opens the way a model's visible chain of thought does. */
  static String reasoning(SplittableRandom random, int minTokens) {
    String opener = pick(random, OPENERS);
    return opener + " " + prose(random, Math.max(1, minTokens - Tokenizer.count(opener)));
  }

  /** Prose that opens by reporting a tool's result, quoting the start of it. */
  static String afterToolResult(SplittableRandom random, Turn.ToolResult result, int minTokens) {
    String excerpt = printable(result.content());
    if (excerpt.length() > MAX_QUOTE) {
      excerpt = excerpt.substring(0, MAX_QUOTE) + "...";
    }
    String quote = excerpt.isEmpty() ? "nothing" : "\"" + excerpt + "\"";
    String verb = result.failed() ? " tool failed with " : " tool returned ";
    String opening = "The " + printable(result.toolName()) + verb + quote + ".";
    return opening + " " + prose(random, Math.max(1, minTokens - Tokenizer.count(opening)));
  }

  static String word(SplittableRandom random) {
    return pick(random, NOUNS);
  }

  private static String sentence(SplittableRandom random) {
    StringBuilder s = new StringBuilder(nounPhrase(random));
    s.append(' ').append(pick(random, VERBS)).append(' ').append(nounPhrase(random));
    if (random.nextInt(2) == 0) {
      s.append(' ').append(pick(random, PREPOSITIONS)).append(' ').append(nounPhrase(random));
    }
    s.setCharAt(0, Character.toUpperCase(s.charAt(0)));
    return s.append('.').toString();
  }

  private static String nounPhrase(SplittableRandom random) {
    String adjective = random.nextInt(3) == 0 ? "" : pick(random, ADJECTIVES) + " ";
    String noun = adjective + pick(random, NOUNS);
    String determiner = pick(random, DETERMINERS);
    if (determiner.equals("a") && "aeiou".indexOf(noun.charAt(0)) >= 0) {
      determiner = "an";
    }
    return determiner + " " + noun;
  }

  /** One line of printable ASCII: runs of whitespace become a space, other characters a '?'. */
  private static String printable(String text) {
    // Only the start is ever quoted, so a large tool result is not scanned whole.
    String start = text.length() > 4 * MAX_QUOTE ? text.substring(0, 4 * MAX_QUOTE) : text;
    String line = start.strip().replaceAll("\\s+", " ");
    StringBuilder out = new StringBuilder(line.length());
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : '?');
    }
    return out.toString();
  }

  private static List<String> words(String spaced) {
    return List.of(spaced.split(" "));
  }

  private static String pick(SplittableRandom random, List<String> words) {
    return words.get(random.nextInt(words.size()));
  }
}
