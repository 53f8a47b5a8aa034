package dev.switchboard.policy.detect;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import java.util.List;

/** A configured RE2 pattern or keyword list, reporting {@code CUSTOM:<name>}. */
final class CustomDetector implements Detector {
  /** A keyword is whole when no letter, digit or '_' touches it (Unicode-aware, unlike \b). */
  private static final String EDGE = "[^\\p{L}\\p{N}_]";

  private final FindingType type;
  private final Pattern pattern;
  private final int group;

  private CustomDetector(FindingType type, Pattern pattern, int group) {
    this.type = type;
    this.pattern = pattern;
    this.group = group;
  }

  static CustomDetector pattern(String name, String regex) {
    FindingType type = FindingType.custom(name);
    try {
      return new CustomDetector(type, Pattern.compile(regex), 0);
    } catch (PatternSyntaxException e) {
      throw new IllegalArgumentException(
          "custom pattern '" + name + "' is not a valid RE2 pattern: " + e.getDescription(), e);
    }
  }

  static CustomDetector keywords(String name, List<String> words) {
    FindingType type = FindingType.custom(name);
    if (words.isEmpty() || words.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("keyword list '" + name + "' has an empty keyword");
    }
    StringBuilder alternatives = new StringBuilder();
    for (String word : words) {
      alternatives.append(alternatives.isEmpty() ? "" : "|").append(Pattern.quote(word.strip()));
    }
    String regex = "(?i)(?:^|" + EDGE + ")(" + alternatives + ")(?:$|" + EDGE + ")";
    return new CustomDetector(type, Pattern.compile(regex), 1);
  }

  @Override
  public void find(String text, List<Finding> out) {
    Matcher m = pattern.matcher(text);
    int from = 0;
    while (from <= text.length() && m.find(from)) {
      if (m.end(group) > m.start(group)) {
        out.add(new Finding(type, m.start(group), m.end(group)));
      }
      // Resume at the keyword's end: the edge after it may be the edge before the next one.
      from = Math.max(m.end(group), m.start() + 1);
    }
  }
}
