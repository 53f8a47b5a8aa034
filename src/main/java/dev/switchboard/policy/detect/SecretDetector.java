package dev.switchboard.policy.detect;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;

/**
 * Credentials: provider token formats, PEM private keys, JWTs, and {@code key=}/{@code token:}
 * style assignments whose value looks random (Shannon entropy at least {@value #MIN_ENTROPY} bits
 * per character over at least {@value #MIN_VALUE_LENGTH} characters, with a digit or both letter
 * cases: "some_config_value_name" has the entropy of a key but is a word).
 */
final class SecretDetector {
  static final double MIN_ENTROPY = 3.5;
  static final int MIN_VALUE_LENGTH = 16;

  /** Provider token formats, as a word. */
  static final AnchoredPattern TOKENS =
      new AnchoredPattern(
          "\\b(?:"
              + "(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}" // AWS access key id
              + "|gh[pousr]_[A-Za-z0-9]{36,251}" // GitHub classic tokens
              + "|github_pat_[A-Za-z0-9_]{22,255}" // GitHub fine-grained tokens
              + "|xox[abpr]-[A-Za-z0-9-]{10,250}" // Slack
              + "|sk-ant-[A-Za-z0-9_-]{20,250}" // Anthropic
              + "|sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,250}" // OpenAI
              + ")\\b");

  /** The prefixes {@link #TOKENS} starts with: the prefilter looks for these at word starts. */
  private static final List<String> TOKEN_PREFIXES =
      List.of("AKIA", "ASIA", "ABIA", "ACCA", "gh", "github_pat_", "xox", "sk-");

  /** The longest text {@link #TOKENS} takes: "github_pat_" and 255 characters. */
  private static final int MAX_TOKEN = 266;

  /** A JSON Web Token: a base64url JSON header ("eyJ" is "{\""), a payload and a signature. */
  static final AnchoredPattern JWT =
      new AnchoredPattern("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*");

  /**
   * {@code name = value} (or ':'), the name ending in key, token, secret or password; the value is
   * group 1.
   */
  static final AnchoredPattern ASSIGNMENT =
      new AnchoredPattern(
          "(?i)(?:key|token|secret|passwd|password|pwd)[\"']?\\s{0,8}[:=]\\s{0,8}[\"']?"
              + "([^\\s\"'`,;(){}<>\\[\\]]{16,512})");

  private static final Pattern PEM_BEGIN =
      Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----");

  private static final Pattern PEM_END =
      Pattern.compile("-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----");

  /** Names an assignment's left side ends in, lower case. */
  private static final List<String> NAMES =
      List.of("key", "token", "secret", "passwd", "password", "pwd");

  /** Spaces allowed on either side of the ':' or '='. */
  private static final int MAX_SPACES = 8;

  private static final int MAX_VALUE_LENGTH = 512;

  private SecretDetector() {}

  static void find(String text, List<Finding> out) {
    tokens(text, out);
    pemBlocks(text, out);
    jwts(text, out);
    assignments(text, out);
  }

  /**
   * What {@link #TOKENS} finds, anchored at each word start where one of its prefixes stands (one
   * pass finds those), kept when the token holds a digit.
   */
  static void tokens(String text, List<Finding> out) {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      boolean candidate =
          (c == 'A' || c == 'g' || c == 'x' || c == 's')
              && !Chars.wordBefore(text, i)
              && startsToken(text, i);
      int end = candidate ? TOKENS.end(text, i, i + MAX_TOKEN + 1) : -1;
      if (end < 0) {
        i++;
        continue;
      }
      if (hasDigit(text, i, end)) { // "sk-this-is-a-long-phrase" is prose
        out.add(new Finding(FindingType.SECRET, i, end));
      }
      i = end;
    }
  }

  private static boolean startsToken(String text, int at) {
    for (String prefix : TOKEN_PREFIXES) {
      if (text.startsWith(prefix, at)) {
        return true;
      }
    }
    return false;
  }

  static boolean hasDigit(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (Character.isDigit(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** A BEGIN line through its END line; a BEGIN line with no END (a truncated paste) alone. */
  private static void pemBlocks(String text, List<Finding> out) {
    if (!text.contains("PRIVATE KEY-----")) {
      return; // the common case costs one indexOf
    }
    Matcher begin = PEM_BEGIN.matcher(text);
    Matcher end = PEM_END.matcher(text);
    int endStart = -1; // the next END line at or after the current BEGIN, or -1 if none is left
    int endEnd = -1;
    boolean endsLeft = true;
    int covered = 0;
    while (begin.find()) {
      if (begin.start() < covered) {
        continue;
      }
      // Each scan moves forward only, so the whole is linear in the text.
      while (endsLeft && endStart < begin.end()) {
        endsLeft = end.find();
        endStart = endsLeft ? end.start() : -1;
        endEnd = endsLeft ? end.end() : -1;
      }
      int blockEnd = endsLeft ? endEnd : begin.end();
      out.add(new Finding(FindingType.SECRET, begin.start(), blockEnd));
      covered = blockEnd;
    }
  }

  /**
   * What {@link #JWT} finds, anchored at each "eyJ" starting a word with a dot after five
   * characters and another after two more (one pass of {@code indexOf} finds those), kept when the
   * header decodes to JSON with an "alg".
   */
  static void jwts(String text, List<Finding> out) {
    int at = text.indexOf("eyJ");
    while (at >= 0) {
      int header = segmentEnd(text, at + 3);
      int payload = header - at >= 8 && dotAt(text, header) ? segmentEnd(text, header + 1) : -1;
      boolean candidate =
          payload - header - 1 >= 2 && dotAt(text, payload) && !Chars.wordBefore(text, at);
      int end = candidate ? JWT.end(text, at, segmentEnd(text, payload + 1) + 1) : -1;
      if (end > 0) {
        if (headerHasAlg(text.substring(at, text.indexOf('.', at)))) {
          out.add(new Finding(FindingType.SECRET, at, end));
        }
        at = text.indexOf("eyJ", end);
      } else {
        at = text.indexOf("eyJ", at + 1);
      }
    }
  }

  private static int segmentEnd(String text, int from) {
    int end = from;
    while (end < text.length() && (Chars.isWord(text.charAt(end)) || text.charAt(end) == '-')) {
      end++;
    }
    return end;
  }

  private static boolean dotAt(String text, int at) {
    return at < text.length() && text.charAt(at) == '.';
  }

  static boolean headerHasAlg(String base64url) {
    try {
      String json = new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8);
      return json.stripLeading().startsWith("{") && json.contains("\"alg\"");
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  /** The checks after {@link #ASSIGNMENT} matched: the value looks random. */
  static boolean valueKept(String value) {
    return Checksums.entropy(value) >= MIN_ENTROPY && looksGenerated(value);
  }

  private static boolean looksGenerated(String value) {
    return hasDigit(value, 0, value.length())
        || (!value.equals(value.toLowerCase(java.util.Locale.ROOT))
            && !value.equals(value.toUpperCase(java.util.Locale.ROOT)));
  }

  /**
   * What {@link #ASSIGNMENT} finds, reporting only the value: each ':' or '=' with a name from
   * {@link #NAMES} before it (after at most {@value #MAX_SPACES} spaces and a quote) and at least
   * {@value #MIN_VALUE_LENGTH} value characters after it is a candidate, the pattern anchored at
   * the name decides, and the value counts when it looks random.
   */
  static void assignments(String text, List<Finding> out) {
    int floor = 0; // where the previous match ended: a match never starts before it
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int name = c == ':' || c == '=' ? nameBefore(text, i, floor) : -1;
      int end = name >= 0 && valueAfter(text, i) ? ASSIGNMENT.end(text, name, valueLimit(i)) : -1;
      if (end < 0) {
        i++;
        continue;
      }
      // The value (group 1) ends the match; it starts after the spaces and the quote, which it
      // cannot hold (asking RE2J for the group would run the match again).
      int value = valueStart(text, i);
      if (valueKept(text.substring(value, end))) {
        out.add(new Finding(FindingType.SECRET, value, end));
      }
      floor = end;
      i = end;
    }
  }

  /** One past the furthest character a match around the ':' or '=' at {@code at} reads. */
  private static int valueLimit(int at) {
    // A value character may be a surrogate pair: two chars for one the pattern counts.
    return at + 1 + MAX_SPACES + 1 + 2 * MAX_VALUE_LENGTH + 1;
  }

  /**
   * Whether at least {@value #MIN_VALUE_LENGTH} value characters follow the ':' or '=' at {@code
   * at}, after at most {@value #MAX_SPACES} spaces and a quote.
   */
  private static boolean valueAfter(String text, int at) {
    int value = valueStart(text, at);
    if (value < 0) {
      return false;
    }
    int end = value;
    while (end < text.length() && end - value < MIN_VALUE_LENGTH && isValueChar(text.charAt(end))) {
      end++;
    }
    return end - value >= MIN_VALUE_LENGTH;
  }

  /**
   * Where the value after the ':' or '=' at {@code at} starts: past the spaces (at most {@value
   * #MAX_SPACES}, else -1) and a quote.
   */
  private static int valueStart(String text, int at) {
    int value = at + 1;
    while (value < text.length() && Chars.isRe2Space(text.charAt(value))) {
      value++;
    }
    if (value - at - 1 > MAX_SPACES) {
      return -1;
    }
    if (value < text.length() && (text.charAt(value) == '"' || text.charAt(value) == '\'')) {
      value++;
    }
    return value;
  }

  /**
   * Where a name from {@link #NAMES} starts that stands before {@code at} (then a quote and
   * spaces), at or after floor, or -1. Java's case-insensitive comparison accepts every character
   * RE2's {@code (?i)} folds to one of the name's letters (the Kelvin sign, the long s).
   */
  private static int nameBefore(String text, int at, int floor) {
    int end = at;
    int spaces = 0;
    while (end > floor && Chars.isRe2Space(text.charAt(end - 1))) {
      end--;
      spaces++;
    }
    if (spaces > MAX_SPACES) {
      return -1;
    }
    if (end > floor && (text.charAt(end - 1) == '"' || text.charAt(end - 1) == '\'')) {
      end--;
    }
    for (String name : NAMES) {
      int start = end - name.length();
      if (start >= floor && text.regionMatches(true, start, name, 0, name.length())) {
        return start;
      }
    }
    return -1;
  }

  private static boolean isValueChar(char c) {
    return !Chars.isRe2Space(c) && "\"'`,;(){}<>[]".indexOf(c) < 0;
  }
}
