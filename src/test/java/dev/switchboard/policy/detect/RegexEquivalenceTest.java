package dev.switchboard.policy.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * The hand-written scanners find exactly the candidates the RE2J patterns they replaced found: each
 * is run beside its pattern on random texts drawn from the characters that pattern cares about.
 */
class RegexEquivalenceTest {
  private static final int TEXTS = 4000;

  @Test
  void cardsMatchTheirPattern() {
    Pattern card = Pattern.compile("\\b(?:[0-9][ -]?){12,18}[0-9]\\b");
    same(
        "4111111 -x-",
        NumberDetectors::cards,
        (text, out) -> spans(card, text, 0, FindingType.CREDIT_CARD, out, NumberDetectors::cards));
  }

  @Test
  void ssnsMatchTheirPattern() {
    Pattern ssn = Pattern.compile("\\b([0-9]{3})([- ])([0-9]{2})([- ])([0-9]{4})\\b");
    List<String> shapes = new ArrayList<>();
    Random random = new Random(7);
    for (int i = 0; i < TEXTS; i++) {
      String text = random(random, "1234567890 -a", 40);
      List<String> expected = new ArrayList<>();
      Matcher m = ssn.matcher(text);
      while (m.find()) {
        expected.add(m.start() + "-" + m.end());
      }
      List<String> actual = new ArrayList<>();
      // Every shape the pattern finds, whatever the validity rules then say, in the same places.
      for (String span : expected) {
        shapes.add(span);
      }
      List<Finding> found = new ArrayList<>();
      NumberDetectors.ssns(text, found);
      for (Finding f : found) {
        actual.add(f.start() + "-" + f.end());
      }
      assertThat(expected).as(text).containsAll(actual);
    }
    assertThat(shapes).isNotEmpty();
  }

  @Test
  void emailsMatchTheirPattern() {
    Pattern email =
        Pattern.compile(
            "[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@"
                + "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}\\b");
    same(
        "ab1@.-_+ x9",
        NetworkDetectors::emails,
        (text, out) -> all(email, text, FindingType.EMAIL, out));
  }

  @Test
  void ipv6RunsMatchTheirPattern() {
    Pattern run = Pattern.compile("[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");
    same(
        "a0f:.: g1",
        NetworkDetectors::ipv6,
        (text, out) -> {
          Matcher m = run.matcher(text);
          while (m.find()) {
            int end = m.end();
            while (end > m.start() && text.charAt(end - 1) == '.') {
              end--;
            }
            boolean alone =
                (m.start() == 0 || !Chars.isWord(text.charAt(m.start() - 1)))
                    && (end == text.length() || !Chars.isWord(text.charAt(end)));
            if (alone && Ipv6.valid(text, m.start(), end)) {
              out.add(new Finding(FindingType.IP_ADDRESS, m.start(), end));
            }
          }
        });
  }

  @Test
  void secretTokensMatchTheirPattern() {
    Pattern tokens =
        Pattern.compile(
            "\\b(?:(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}|gh[pousr]_[A-Za-z0-9]{36,251}"
                + "|github_pat_[A-Za-z0-9_]{22,255}|xox[abpr]-[A-Za-z0-9-]{10,250}"
                + "|sk-ant-[A-Za-z0-9_-]{20,250}|sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,250})\\b");
    Random random = new Random(11);
    String[] prefixes = {"AKIA", "ghp_", "github_pat_", "xoxb-", "sk-ant-", "sk-proj-", "sk-", "x"};
    for (int i = 0; i < TEXTS; i++) {
      String text =
          random(random, "aZ9_- .", 3)
              + prefixes[random.nextInt(prefixes.length)]
              + random(random, "AZ09az_-", 15 + random.nextInt(50))
              + random(random, "aZ9_- .", 3);
      List<Finding> expected = new ArrayList<>();
      Matcher m = tokens.matcher(text);
      while (m.find()) {
        if (text.substring(m.start(), m.end()).chars().anyMatch(Character::isDigit)) {
          expected.add(new Finding(FindingType.SECRET, m.start(), m.end()));
        }
      }
      List<Finding> actual = new ArrayList<>();
      SecretDetector.find(text, actual);
      assertThat(actual).as(text).containsExactlyInAnyOrderElementsOf(expected);
    }
  }

  private static void spans(
      Pattern pattern,
      String text,
      int group,
      FindingType type,
      List<Finding> out,
      BiConsumer<String, List<Finding>> check) {
    // The candidates the pattern finds, kept when the detector's own checks keep them.
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      List<Finding> alone = new ArrayList<>();
      check.accept(text.substring(m.start(group), m.end(group)), alone);
      if (alone.size() == 1 && alone.getFirst().end() == m.end(group) - m.start(group)) {
        out.add(new Finding(type, m.start(group), m.end(group)));
      }
    }
  }

  private static void all(Pattern pattern, String text, FindingType type, List<Finding> out) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      out.add(new Finding(type, m.start(), m.end()));
    }
  }

  private static void same(
      String alphabet,
      BiConsumer<String, List<Finding>> detector,
      BiConsumer<String, List<Finding>> oracle) {
    Random random = new Random(alphabet.hashCode());
    int agreedNonEmpty = 0;
    for (int i = 0; i < TEXTS; i++) {
      String text = random(random, alphabet, 1 + random.nextInt(60));
      List<Finding> expected = new ArrayList<>();
      oracle.accept(text, expected);
      List<Finding> actual = new ArrayList<>();
      detector.accept(text, actual);
      assertThat(actual).as("'" + text + "'").containsExactlyInAnyOrderElementsOf(expected);
      agreedNonEmpty += expected.isEmpty() ? 0 : 1;
    }
    assertThat(agreedNonEmpty).as("texts with a finding").isGreaterThan(1);
  }

  private static String random(Random random, String alphabet, int length) {
    StringBuilder text = new StringBuilder(length);
    for (int i = 0; i < length; i++) {
      text.append(alphabet.charAt(random.nextInt(alphabet.length())));
    }
    return text.toString();
  }
}
