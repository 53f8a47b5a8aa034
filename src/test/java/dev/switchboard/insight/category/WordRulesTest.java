package dev.switchboard.insight.category;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Locale;
import java.util.regex.MatchResult;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The rules, matched together, find and count exactly what each plain whole-word regex does; and
 * the notation checks answer as their regexes.
 */
class WordRulesTest {
  private static final List<String> ALTERNATIONS =
      List.of(
          "code|coding|program|programs|c\\+\\+|c#|o\\(n\\)|\\w+\\.(py|js|ts)",
          "translat\\w*|übersetz\\w*|into (english|french)|in (french|german)\\?",
          "summari[sz]\\w*|tl;?dr|key (points|takeaways)|in a nutshell",
          "role ?-?play\\w*|act as|pretend (to be|you are)",
          "solve|how many|percent(age)?|f\\(x\\)|prime|prove that",
          "code|coding|c|co|unit tests?|codec\\w*|\\w+\\.(py|c)",
          "ab{2}c|b\\d+|colou?r|x\\w+");
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
          "a",
          "c co code codecs coding unit test unit tests unittests. file.c a.py.py x.pyc",
          "solve f(x) for x; how many primes? 20 percentage points, 5 percent; prove that",
          "ÜBERSETZEN Sie bitte: Translate INTO English",
          "abbc abc b12 b color colour colouur xy x x1 a.b a. .b");

  private static final WordRules TOGETHER = new WordRules(ALTERNATIONS.toArray(String[]::new));

  /** The texts as the classifier reads them, lower case. */
  private static List<String> lowerTexts() {
    return TEXTS.stream().map(text -> text.toLowerCase(Locale.ROOT)).toList();
  }

  @Test
  void findsAndCountsAsTheRegexDoes() {
    for (String text : lowerTexts()) {
      int[] counts = TOGETHER.count(text);
      for (int rule = 0; rule < ALTERNATIONS.size(); rule++) {
        String alternation = ALTERNATIONS.get(rule);
        Pattern regex =
            Pattern.compile("(?<![\\w])(" + alternation + ")(?![\\w])", Pattern.CASE_INSENSITIVE);
        assertThat(counts[rule])
            .as(alternation + " counted in: " + text)
            .isEqualTo(
                (int) regex.matcher(text).results().map(MatchResult::group).distinct().count());
      }
    }
  }

  @Test
  void countingUntilARulesFirstMatch_answersWhetherItIsThere_readingNoFurther() {
    for (String text : lowerTexts()) {
      int[] all = TOGETHER.count(text);
      for (int rule = 0; rule < ALTERNATIONS.size(); rule++) {
        int[] until = TOGETHER.countUntil(text, rule);
        assertThat(until[rule]).as(rule + " in: " + text).isEqualTo(Math.min(1, all[rule]));
        if (all[rule] == 0) {
          assertThat(until).as("read to the end: " + text).isEqualTo(all);
        }
      }
    }
    // The first match ends the reading: what follows it is not counted.
    assertThat(TOGETHER.countUntil("code then translate", 0)[1]).isZero();
  }

  @Test
  void anAlternativeThatCouldStartAnywhere_orHasCapitals_isRefused() {
    assertThatThrownBy(() -> new WordRules("code|(a+|b)c"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("(a+|b)c");
    assertThatThrownBy(() -> new WordRules("Code"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("lower case");
  }

  @Test
  void codeBlocksAndArithmetic_areFoundAsByTheirRegexes() {
    Pattern fence = Pattern.compile("```|^\\s{4}\\S.*[;{}]\\s*$", Pattern.MULTILINE);
    Pattern arithmetic =
        Pattern.compile(
            "\\d+\\s*[-+*/^=<>]\\s*\\d+|\\b[xyz]\\s*[-+*/^=]", Pattern.CASE_INSENSITIVE);
    List<String> texts =
        List.of(
            "",
            "plain words; no code {here}",
            "see:\n    int x = 1;\nok",
            "see:\r\n    int x = 1;  \r\n",
            "\n\n\n\nfoo;",
            "   int x = 1;",
            "\tbad\n    x;y",
            "```js\nx\n```",
            "2+2, 3 * 4, 10 - x, 7<8",
            "x = 5 and y+1 but max=3 or ax= 2 and z",
            "x\n=\n1 then 12 \t / \n 4",
            "no maths - just dashes, and x- or -y",
            "version 1.2-3 and a-1");
    for (String text : texts) {
      assertThat(Notation.codeBlock(text))
          .as("code in: " + text)
          .isEqualTo(fence.matcher(text).find());
      assertThat(Notation.arithmetic(text))
          .as("arithmetic in: " + text)
          .isEqualTo(arithmetic.matcher(text).find());
    }
  }
}
