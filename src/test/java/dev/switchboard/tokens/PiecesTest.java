package dev.switchboard.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import com.knuddels.jtokkit.Encodings;
import com.knuddels.jtokkit.api.Encoding;
import com.knuddels.jtokkit.api.EncodingType;
import java.io.IOException;
import java.lang.reflect.Field;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The hand-written pre-tokenizer against the regex jtokkit splits o200k_base text with (taken from
 * its encoding object, so that a jtokkit upgrade that changes it fails here): the classes of every
 * code point, the contractions after every character, and the pieces of seeded random texts drawn
 * from one character of each class.
 */
class PiecesTest {
  private static final Pattern JTOKKIT = jtokkitPattern();

  // One or two code points of each class the pattern tells apart, and the characters it names.
  private static final List<String> ALPHABET =
      List.of(
          "a", "z", "s", "t", "r", "e", "v", "l", "m", "d", "A", "S", "T", "R", "E", "L", "D", "ſ",
          "K", "ǅ", "ʰ", "々", "漢", "か", "\u0301", "\u0903", "\u20dd", "1", "٣", "Ⅻ", "½", "𝟙", " ",
          " ", "\t", "\n", "\r", "\u000b", "\f", "\u0085", "\u00a0", "\u2028", "\u2029", "\u3000",
          "\u200b", "\u200d", "'", "’", "/", "-", "_", ".", "!", "$", "😀", "𝔘", "\ud800",
          "\udc00", "\ue000", "\u0378", "\u0000");

  @Test
  void classifiesEveryCodePointAsTheRegexDoes() {
    int flags = Pattern.UNICODE_CHARACTER_CLASS;
    Matcher[] classes = {
      Pattern.compile("\\p{L}", flags).matcher(""),
      Pattern.compile("\\p{N}", flags).matcher(""),
      Pattern.compile("[\\p{Lu}\\p{Lt}\\p{Lm}\\p{Lo}\\p{M}]", flags).matcher(""),
      Pattern.compile("[\\p{Ll}\\p{Lm}\\p{Lo}\\p{M}]", flags).matcher(""),
      Pattern.compile("\\s", flags).matcher(""),
      Pattern.compile("[\\r\\n]", flags).matcher("")
    };
    int[] bits = {
      Pieces.LETTER, Pieces.NUMBER, Pieces.UPPER, Pieces.LOWER, Pieces.SPACE, Pieces.NEWLINE
    };
    for (int code = 0; code <= Character.MAX_CODE_POINT; code++) {
      String text = Character.toString(code);
      int expected = 0;
      for (int i = 0; i < classes.length; i++) {
        expected |= classes[i].reset(text).matches() ? bits[i] : 0;
      }
      assertThat(Pieces.classOf(code)).as("U+%04X", code).isEqualTo(expected);
    }
  }

  @Test
  void readsAContractionAfterEveryCharacterAsTheRegexDoes() {
    for (int code = 0; code <= Character.MAX_CODE_POINT; code++) {
      String c = Character.toString(code);
      assertSamePieces("a'" + c);
      if (code <= Character.MAX_VALUE) { // no supplementary character folds to ASCII
        for (String text : List.of("a'" + c + "e", "a'r" + c, "a'l" + c)) {
          assertSamePieces(text);
        }
      }
    }
  }

  @Test
  void splitsRandomTextsOfEveryClassAsTheRegexDoes() {
    SplittableRandom random = new SplittableRandom(5);
    for (int i = 0; i < 20_000; i++) {
      StringBuilder text = new StringBuilder();
      int length = 1 + random.nextInt(12);
      for (int n = 0; n < length; n++) {
        text.append(ALPHABET.get(random.nextInt(ALPHABET.size())));
      }
      assertSamePieces(text.toString());
    }
    for (int i = 0; i < 2000; i++) {
      assertSamePieces(RandomTexts.mixed(random, 1 + random.nextInt(300)));
    }
  }

  @Test
  void splitsTheTestResourcesAsTheRegexDoes() throws IOException {
    List<Path> files;
    try (Stream<Path> walk = Files.walk(Path.of("src/test/resources"))) {
      files = walk.filter(Files::isRegularFile).sorted().toList();
    }
    for (Path file : files) {
      assertSamePieces(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
    }
  }

  @Test
  void splitsARegionAsItsSubstring() {
    // A region that ends between the halves of a surrogate pair leaves a lone high surrogate.
    String text = "ab😀cd\ud83d\ude00 x";
    for (int from = 0; from <= text.length(); from++) {
      for (int to = from; to <= text.length(); to++) {
        List<Integer> expected = new ArrayList<>();
        for (int end : regexPieces(text.substring(from, to))) {
          expected.add(from + end);
        }
        assertThat(pieces(text, from, to)).as("[%d, %d)", from, to).isEqualTo(expected);
      }
    }
  }

  private static void assertSamePieces(String text) {
    assertThat(pieces(text, 0, text.length())).as(text).isEqualTo(regexPieces(text));
  }

  private static List<Integer> pieces(String text, int from, int to) {
    List<Integer> ends = new ArrayList<>();
    for (int at = from; at < to; ) {
      at = Pieces.end(text, at, to);
      ends.add(at);
    }
    return ends;
  }

  /** The ends of the regex's matches; they leave no gap (checked: a gap fails the comparison). */
  private static List<Integer> regexPieces(String text) {
    List<Integer> ends = new ArrayList<>();
    Matcher matcher = JTOKKIT.matcher(text);
    int last = 0;
    while (matcher.find()) {
      ends.add(matcher.start() == last ? matcher.end() : -matcher.start());
      last = matcher.end();
    }
    return ends;
  }

  private static Pattern jtokkitPattern() {
    try {
      Encoding encoding = Encodings.newLazyEncodingRegistry().getEncoding(EncodingType.O200K_BASE);
      Field field = encoding.getClass().getDeclaredField("pattern");
      field.setAccessible(true);
      return (Pattern) field.get(encoding);
    } catch (ReflectiveOperationException e) {
      throw new IllegalStateException("jtokkit no longer keeps its pattern in a field", e);
    }
  }
}
