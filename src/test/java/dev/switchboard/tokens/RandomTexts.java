package dev.switchboard.tokens;

import java.util.List;
import java.util.SplittableRandom;

/** Seeded random texts that reach every branch of the o200k pre-tokenizer and of the merges. */
final class RandomTexts {
  private static final List<String> WORDS =
      List.of(
          "the",
          "The",
          "THE",
          "router",
          "Gateway",
          "tokens",
          "naïve",
          "café",
          "über",
          "Straße",
          "it's",
          "I'M",
          "you're",
          "we'VE",
          "they'd",
          "she'll",
          "can't",
          "o'ſ",
          "McDonald",
          "iPhone",
          "HTTPServer",
          "camelCase",
          "snake_case",
          "kebab-case",
          "ǅungla",
          "ʰello");
  private static final List<String> CODE =
      List.of(
          "{",
          "}",
          "(",
          ")",
          "[]",
          ";",
          "->",
          "=>",
          "!=",
          "==",
          "&&",
          "||",
          "//",
          "/*",
          "*/",
          "#include <stdio.h>",
          "def f(x):",
          "return x + 1;",
          "console.log(\"hi\");",
          "0x1F",
          "\"key\": \"value\"",
          "</div>",
          "https://example.com/a/b?c=d",
          "$$",
          "@@",
          "...");
  private static final List<String> SPACES =
      List.of(
          " ", "  ", "    ", "\t", "\n", "\n\n", "\r\n", " \n", "\n  ", "\u00a0", "\u3000",
          "\u2003", "\u000b", "\f", "\u0085", "\u2028");
  private static final List<String> SCRIPTS =
      List.of(
          "漢字",
          "日本語のテキスト",
          "中文文本处理",
          "한국어",
          "Привет",
          "ελληνικά",
          "עברית",
          "العربية",
          "हिन्दी",
          "ภาษาไทย",
          "ქართული",
          "e\u0301",
          "a\u0300\u0301",
          "ﬁ",
          "Ⅻ",
          "٣٤٥",
          "১২৩",
          "½",
          "²",
          "①");
  private static final List<String> SYMBOLS =
      List.of(
          "😀",
          "👩‍👩‍👧",
          "🇫🇷",
          "👍🏽",
          "🚀",
          "𝔘𝔫𝔦",
          "𝟙𝟚",
          "€",
          "£",
          "©",
          "™",
          "→",
          "…",
          "“",
          "”",
          "«",
          "»",
          "—",
          "–",
          "'",
          "'s",
          "'LL",
          "\"",
          "?!",
          "¿",
          "¡",
          "%",
          "&",
          "|",
          "\\");

  private RandomTexts() {}

  /** About {@code length} characters mixing words, code, scripts, digits, symbols and spaces. */
  static String mixed(SplittableRandom random, int length) {
    StringBuilder out = new StringBuilder(length + 16);
    while (out.length() < length) {
      switch (random.nextInt(10)) {
        case 0, 1 -> out.append(pick(random, WORDS));
        case 2 -> out.append(pick(random, CODE));
        case 3, 4 -> out.append(pick(random, SPACES));
        case 5 -> out.append(pick(random, SCRIPTS));
        case 6 -> out.append(pick(random, SYMBOLS));
        case 7 -> out.append(random.nextLong(1L << random.nextInt(1, 60)));
        case 8 -> out.appendCodePoint(anyCodePoint(random));
        default -> out.append((char) random.nextInt(0x20, 0x7f));
      }
      if (random.nextInt(400) == 0) {
        out.append((char) random.nextInt(0xd800, 0xe000)); // a lone surrogate
      }
    }
    return out.toString();
  }

  /** {@code length} characters that the pre-tokenizer leaves in one piece, with much repetition. */
  static String onePiece(SplittableRandom random, int length) {
    String alphabet =
        switch (random.nextInt(6)) {
          case 0 -> "abcdefghijklmnopqrstuvwxyz".substring(0, random.nextInt(1, 6));
          case 1 -> "etaoinshrdlu";
          case 2 -> "的一是不了人我在有他这中大来上";
          case 3 -> "あいうえおかきくけこーッ";
          case 4 -> "-=_*#~.";
          default -> "😀🚀👍";
        };
    int[] letters = alphabet.codePoints().toArray();
    StringBuilder out = new StringBuilder(length + 2);
    String syllable = "";
    while (out.length() < length) {
      if (syllable.isEmpty() || random.nextInt(4) == 0) {
        StringBuilder next = new StringBuilder();
        int size = random.nextInt(1, 5);
        while (next.length() < size) {
          next.appendCodePoint(letters[random.nextInt(letters.length)]);
        }
        syllable = next.toString();
      }
      out.append(syllable);
    }
    return out.toString();
  }

  private static int anyCodePoint(SplittableRandom random) {
    while (true) {
      int code =
          random.nextInt(4) == 0 ? random.nextInt(0x10000, 0x30000) : random.nextInt(0x80, 0x10000);
      if (Character.isDefined(code) && (code < 0xd800 || code >= 0xe000)) {
        return code;
      }
    }
  }

  private static <T> T pick(SplittableRandom random, List<T> items) {
    return items.get(random.nextInt(items.size()));
  }
}
