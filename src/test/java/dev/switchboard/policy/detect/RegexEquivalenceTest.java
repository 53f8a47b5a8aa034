package dev.switchboard.policy.detect;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.function.BiConsumer;
import org.junit.jupiter.api.Test;

/**
 * Each built-in detector (hand-written prefilter, then its RE2J pattern anchored at each candidate)
 * finds exactly what its pattern finds searching the whole text, with the same checks after: on
 * random texts drawn from the characters and pieces the pattern cares about, and on adversarial
 * ones. A prefilter that missed a candidate, or a window too narrow for a match, shows here.
 */
class RegexEquivalenceTest {
  private static final int TEXTS = 3000;

  /** Texts that make the prefilters work hardest: long runs, many '@', '+', "key=", ... */
  private static final List<String> ADVERSARIAL =
      List.of(
          "1234567890".repeat(60),
          "12 345 6789 0".repeat(40),
          "4111 1111 1111 1111 ".repeat(30),
          "@".repeat(300),
          "a@".repeat(200),
          "a@b.cc ".repeat(60),
          "a.a@a.a.a.".repeat(50),
          "x@" + "a.".repeat(200) + "com",
          "+".repeat(300),
          "+1 ".repeat(150),
          "+4912345678 ".repeat(40),
          "key=".repeat(200),
          "key=Ab3xYz9QwErTy12345 ".repeat(30),
          "key:         ".repeat(40),
          "1.1.1.1.".repeat(60),
          "a:".repeat(300),
          "eyJhbGciOi.".repeat(40),
          "sk-".repeat(200),
          "AKIA".repeat(100),
          "DE89 ".repeat(100),
          "DE89abcdefg ".repeat(40),
          "ssn 123-45-6789 078051120 ".repeat(20));

  @Test
  void cards() {
    same(
        new Random(1),
        new String[] {"4111", "1111", "4111 1111 1111 1111", "5500", "0004", " ", "-", "x", "7"},
        NumberDetectors::cards,
        (text, out) ->
            whole(
                NumberDetectors.CARD.pattern(),
                text,
                FindingType.CREDIT_CARD,
                (s, e) -> NumberDetectors.cardKept(text, s, e),
                out));
  }

  @Test
  void ssns() {
    same(
        new Random(2),
        new String[] {
          "ssn",
          "SSN: ",
          "\u017fsn ",
          "ss#",
          "social security no. ",
          "a",
          "123",
          "45",
          "6789",
          "078",
          "05",
          "1120",
          "078051120",
          " ",
          "-",
          "1"
        },
        NumberDetectors::ssns,
        RegexEquivalenceTest::ssnOracle);
  }

  private static void ssnOracle(String text, List<Finding> out) {
    whole(
        NumberDetectors.SSN.pattern(),
        text,
        FindingType.US_SSN,
        (s, e) -> NumberDetectors.ssnKept(text, s, e),
        out);
    List<Integer> keywordEnds = new ArrayList<>();
    Matcher keyword = NumberDetectors.SSN_KEYWORD.pattern().matcher(text);
    while (keyword.find()) {
      keywordEnds.add(keyword.end());
    }
    Matcher bare = NumberDetectors.BARE_SSN.pattern().matcher(text);
    while (bare.find()) {
      int last = -1;
      for (int end : keywordEnds) {
        last = end <= bare.start() ? end : last;
      }
      if (last >= 0
          && bare.start() - last <= 32
          && NumberDetectors.bareSsnKept(text, bare.start())) {
        out.add(new Finding(FindingType.US_SSN, bare.start(), bare.end()));
      }
    }
  }

  @Test
  void emails() {
    same(
        new Random(3),
        new String[] {"a", "b1", "@", ".", "-", "_", "+", " ", "x9", "com", "de", "@example.com"},
        NetworkDetectors::emails,
        (text, out) ->
            whole(NetworkDetectors.EMAIL.pattern(), text, FindingType.EMAIL, (s, e) -> true, out));
  }

  @Test
  void ipv4() {
    same(
        new Random(4),
        new String[] {
          "1",
          "10",
          "192",
          "255",
          "256",
          "01",
          ".",
          " ",
          "v",
          "-",
          "a",
          "version ",
          "10.0.0.1",
          "192.168.1.20"
        },
        NetworkDetectors::ipv4,
        (text, out) ->
            whole(
                NetworkDetectors.IPV4.pattern(),
                text,
                FindingType.IP_ADDRESS,
                (s, e) -> NetworkDetectors.ipv4Kept(text, s, e),
                out));
  }

  @Test
  void ipv6() {
    same(
        new Random(5),
        new String[] {"a0f", "2001", "db8", ":", "::", ".", " ", "g1", "1.2.3.4", "ffff"},
        NetworkDetectors::ipv6,
        (text, out) -> {
          Matcher m = NetworkDetectors.IPV6.pattern().matcher(text);
          while (m.find()) {
            NetworkDetectors.candidate(text, m.start(), m.end(), out);
          }
        });
  }

  @Test
  void ibans() {
    StringBuilder alternatives = new StringBuilder();
    for (Map.Entry<String, Integer> country : IbanDetector.registeredLengths().entrySet()) {
      String code = country.getKey();
      alternatives
          .append(alternatives.isEmpty() ? "" : "|")
          .append(letter(code.charAt(0)))
          .append(letter(code.charAt(1)))
          .append("[0-9]{2}(?: ?[A-Za-z0-9]){")
          .append(country.getValue() - 4)
          .append('}');
    }
    // One pattern for every country, as the detector's per-length patterns behave together.
    Pattern all = Pattern.compile("\\b(" + alternatives + ")(?:[^\\p{L}\\p{Nd}]|$)");
    same(
        new Random(6),
        new String[] {
          "DE89",
          "de89",
          "3704",
          "0044",
          "0532",
          "0130",
          "00",
          " ",
          "GB82",
          "WEST",
          "1234",
          "5698",
          "7654",
          "32",
          "x",
          "-",
          "\u00c4",
          "DE89 3704 0044 0532 0130 00",
          "GB82WEST12345698765432"
        },
        IbanDetector::find,
        (text, out) -> {
          Matcher m = all.matcher(text);
          int from = 0;
          while (from <= text.length() && m.find(from)) {
            int start = m.start(1);
            if (IbanDetector.ibanKept(text, start, m.end(1))) {
              out.add(new Finding(FindingType.IBAN, start, m.end(1)));
              from = m.end(1);
            } else {
              from = start + 1;
            }
          }
        });
  }

  private static String letter(char upper) {
    return "[" + upper + Character.toLowerCase(upper) + "]";
  }

  @Test
  void tokens() {
    same(
        new Random(7),
        new String[] {
          "AKIA",
          "ghp_",
          "github_pat_",
          "xoxb-",
          "sk-ant-",
          "sk-proj-",
          "sk-",
          "x",
          "Z9",
          "aZ09az",
          "_",
          "-",
          " ",
          ".",
          "ABCDEFGHIJ0123456789"
        },
        SecretDetector::tokens,
        (text, out) ->
            whole(
                SecretDetector.TOKENS.pattern(),
                text,
                FindingType.SECRET,
                (s, e) -> SecretDetector.hasDigit(text, s, e),
                out));
  }

  @Test
  void jwts() {
    same(
        new Random(8),
        new String[] {
          "eyJhbGciOiJIUzI1NiJ9", "eyJ", "abc", "Q1", ".", "_-", " ", "x", "eyJzdWIiOjF9"
        },
        SecretDetector::jwts,
        (text, out) ->
            whole(
                SecretDetector.JWT.pattern(),
                text,
                FindingType.SECRET,
                (s, e) -> SecretDetector.headerHasAlg(text.substring(s, text.indexOf('.', s))),
                out));
  }

  @Test
  void assignments() {
    same(
        new Random(9),
        new String[] {
          "key",
          "KEY",
          "\u212aey",
          "pwd",
          "passwd",
          "token",
          "Secret",
          " ",
          "=",
          ":",
          "\"",
          "'",
          "Ab3xYz9QwErTy12345",
          "aaaa",
          "x",
          "\t",
          ",",
          "        "
        },
        SecretDetector::assignments,
        (text, out) -> {
          Matcher m = SecretDetector.ASSIGNMENT.pattern().matcher(text);
          while (m.find()) {
            if (SecretDetector.valueKept(m.group(1))) {
              out.add(new Finding(FindingType.SECRET, m.start(1), m.end(1)));
            }
          }
        });
  }

  @Test
  void phoneRuns() {
    same(
        new Random(10),
        new String[] {"+", "(", ")", "1", "23", "456", " ", ".", "/", "-", "a", "+49", "0"},
        (text, out) ->
            PhoneDetector.runs(
                text,
                Deadline.none(text.length()),
                (s, e) -> out.add(new Finding(FindingType.PHONE, s, e))),
        (text, out) ->
            whole(
                PhoneDetector.RUN.pattern(),
                text,
                FindingType.PHONE,
                (s, e) -> Chars.digits(text, s, e) >= 6,
                out));
  }

  /** A span check after a whole-text match. */
  @FunctionalInterface
  private interface Kept {
    boolean test(int start, int end);
  }

  /** RE2J's own search over the whole text, resuming after each match. */
  private static void whole(
      Pattern pattern, String text, FindingType type, Kept kept, List<Finding> out) {
    Matcher m = pattern.matcher(text);
    while (m.find()) {
      if (kept.test(m.start(), m.end())) {
        out.add(new Finding(type, m.start(), m.end()));
      }
    }
  }

  private static void same(
      Random random,
      String[] pieces,
      BiConsumer<String, List<Finding>> detector,
      BiConsumer<String, List<Finding>> oracle) {
    int agreedNonEmpty = 0;
    List<String> texts = new ArrayList<>(ADVERSARIAL);
    for (int i = 0; i < TEXTS; i++) {
      texts.add(random(random, pieces, 1 + random.nextInt(30)));
    }
    for (String text : texts) {
      List<Finding> expected = new ArrayList<>();
      oracle.accept(text, expected);
      List<Finding> actual = new ArrayList<>();
      detector.accept(text, actual);
      assertThat(actual).as("'" + text + "'").containsExactlyInAnyOrderElementsOf(expected);
      agreedNonEmpty += expected.isEmpty() ? 0 : 1;
    }
    assertThat(agreedNonEmpty).as("texts with a finding").isGreaterThan(10);
  }

  private static String random(Random random, String[] pieces, int count) {
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < count; i++) {
      text.append(pieces[random.nextInt(pieces.length)]);
    }
    return text.toString();
  }
}
