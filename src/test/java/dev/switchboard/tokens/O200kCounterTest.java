package dev.switchboard.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Every count is checked against jtokkit's {@code countTokensOrdinary}, the implementation this one
 * replaces: texts from the test fixtures, seeded random mixes of scripts, and the edge cases of the
 * pre-tokenizer and of the merge order.
 */
class O200kCounterTest {
  private static final Encoding JTOKKIT =
      Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
  private static final O200kCounter O200K = O200kCounter.load();

  /** The longest text jtokkit gets at once here: it is superlinear on long unsplit runs. */
  private static final int CHUNK = 1024;

  @Test
  void countsEdgeCasesAsJtokkitDoes() {
    List<String> texts =
        List.of(
            "",
            " ",
            "  ",
            "\t",
            "\n",
            "\n\n\n",
            "\r\n",
            "\r\n\r\n  \r\n",
            " \n ",
            "a",
            "hello world",
            "Hello, World!",
            "it's",
            "IT'S",
            "they'LL",
            "we've",
            "I'd",
            "she'Re",
            "o'ſ",
            "'s",
            "''s",
            "don't stop",
            "   leading and trailing   ",
            "x\u00a0y\u2003z\u3000w",
            "12345678901",
            "٣٤٥ ১২৩",
            "e\u0301 a\u0300\u0301",
            "ǅemal ǈ",
            "<|endoftext|> <|endofprompt|>",
            "😀😀😀 👩‍👩‍👧 🇫🇷",
            "\ud83d",
            "a\udc00b",
            "\udc00\ud800",
            "漢字かなカナ한국어",
            "Привет, мир! Ünïcödé ß ẞ",
            "if (x != null) { return y->z; } // done\n\tnext();",
            "////\n\n//",
            "a".repeat(600),
            " ".repeat(700),
            "\n".repeat(300),
            "=".repeat(999),
            "😀".repeat(300));
    for (String text : texts) {
      assertThat(O200K.count(text)).as(text).isEqualTo(JTOKKIT.countTokensOrdinary(text));
    }
  }

  @Test
  void countsEveryTestResourceAsJtokkitDoes() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of("src/test/resources"))) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    assertThat(files).hasSizeGreaterThan(100);
    long bytes = 0;
    for (Path file : files) {
      String text = new String(Files.readAllBytes(file), StandardCharsets.UTF_8);
      bytes += text.length();
      for (int at = 0; at < text.length(); at += CHUNK) {
        int end = Math.min(text.length(), at + CHUNK);
        String chunk = text.substring(at, end);
        assertThat(O200K.count(chunk))
            .as("%s at %d", file, at)
            .isEqualTo(JTOKKIT.countTokensOrdinary(chunk));
        assertThat(O200K.count(text, at, end))
            .as("%s at %d", file, at)
            .isEqualTo(O200K.count(chunk));
      }
    }
    assertThat(bytes).isGreaterThan(100_000);
  }

  @Test
  void countsRandomMixesAsJtokkitDoes() {
    SplittableRandom random = new SplittableRandom(14);
    for (int i = 0; i < 4000; i++) {
      String text = RandomTexts.mixed(random, 1 + random.nextInt(i < 3000 ? 200 : CHUNK));
      assertThat(O200K.count(text)).as(escaped(text)).isEqualTo(JTOKKIT.countTokensOrdinary(text));
    }
  }

  @Test
  void countsLongPiecesAsJtokkitDoes() {
    // Pieces of 500 bytes and more take jtokkit's other merge algorithm, and ours by heap past 128.
    SplittableRandom random = new SplittableRandom(200);
    List<String> texts = new ArrayList<>();
    for (int length : new int[] {2, 3, 64, 127, 128, 129, 130, 499, 500, 501, 1000, CHUNK}) {
      for (String unit : List.of("a", "ab", "aab", "abc", "ー", "漢", "😀", "é", "-", " ", "\n")) {
        texts.add(unit.repeat(Math.max(1, length / unit.length())));
      }
    }
    for (int i = 0; i < 600; i++) {
      texts.add(RandomTexts.onePiece(random, 100 + random.nextInt(CHUNK - 100)));
    }
    for (String text : texts) {
      assertThat(O200K.count(text)).as(escaped(text)).isEqualTo(JTOKKIT.countTokensOrdinary(text));
    }
  }

  @Test
  void countsARegionAsItsSubstring_evenWhenItSplitsASurrogatePair() {
    SplittableRandom random = new SplittableRandom(7);
    for (int i = 0; i < 2000; i++) {
      String text = RandomTexts.mixed(random, 2 + random.nextInt(120));
      int from = random.nextInt(text.length());
      int to = from + random.nextInt(text.length() - from + 1);
      assertThat(O200K.count(text, from, to))
          .as("%s [%d, %d)", escaped(text), from, to)
          .isEqualTo(JTOKKIT.countTokensOrdinary(text.substring(from, to)));
    }
  }

  @Test
  void writesUtf8AsStringGetBytesDoes() {
    SplittableRandom random = new SplittableRandom(3);
    for (int i = 0; i < 2000; i++) {
      String text = RandomTexts.mixed(random, 1 + random.nextInt(60));
      byte[] out = new byte[text.length() * 3];
      int length = O200kCounter.utf8(text, 0, text.length(), out);
      assertThat(java.util.Arrays.copyOf(out, length))
          .isEqualTo(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  private static String escaped(String text) {
    StringBuilder out = new StringBuilder();
    text.chars()
        .forEach(c -> out.append(c < 0x7f && c >= 0x20 ? "" + (char) c : "\\u%04x".formatted(c)));
    return out.toString();
  }
}
