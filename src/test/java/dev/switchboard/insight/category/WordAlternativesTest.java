package dev.switchboard.insight.category;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The grouped alternation finds and counts exactly what the plain whole-word regex does. */
class WordAlternativesTest {
  private static final List<String> ALTERNATIONS =
      List.of(
          "code|coding|program|programs|c\\+\\+|c#|o\\(n\\)|\\w+\\.(py|js|ts)",
          "translat\\w*|übersetz\\w*|into (english|french)|in (french|german)\\?",
          "summari[sz]\\w*|tl;?dr|key (points|takeaways)|in a nutshell",
          "role ?-?play\\w*|act as|pretend (to be|you are)");
  private static final List<String> TEXTS =
      List.of(
          "",
          "please refactor this code: main.py and util.js, it is o(n) in c++ and c#",
          "programs programming program's coding-code codes",
          "translate into english, or übersetzen; ßübersetz and xübersetz; in french?",
          "tl;dr: summarise the key points in a nutshell, tldr summary",
          "role-play roleplay role play; act as a pirate and pretend you are one; actas",
          "nothing here at all, only words like decode and encoded and transl",
          "\u6f22\u5b57\u8a9e\u6587".repeat(50) + " code \u6f22code",
          "a");

  @Test
  void findsAndCountsAsTheRegexDoes() {
    for (String alternation : ALTERNATIONS) {
      Pattern regex =
          Pattern.compile("(?<![\\w])(" + alternation + ")(?![\\w])", Pattern.CASE_INSENSITIVE);
      WordAlternatives grouped = new WordAlternatives(alternation);
      for (String text : TEXTS) {
        WordAlternatives.Text words = new WordAlternatives.Text(text);
        assertThat(grouped.find(words))
            .as(alternation + " in: " + text)
            .isEqualTo(regex.matcher(text).find());
        assertThat(grouped.count(words))
            .as(alternation + " counted in: " + text)
            .isEqualTo(
                (int) regex.matcher(text).results().map(MatchResult::group).distinct().count());
      }
    }
  }
}
