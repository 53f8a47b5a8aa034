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

  private static final Pattern TOKENS =
      Pattern.compile(
          "\\b(?:"
              + "(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}" // AWS access key id
              + "|gh[pousr]_[A-Za-z0-9]{36,251}" // GitHub classic tokens
              + "|github_pat_[A-Za-z0-9_]{22,255}" // GitHub fine-grained tokens
              + "|xox[abpr]-[A-Za-z0-9-]{10,250}" // Slack
              + "|sk-ant-[A-Za-z0-9_-]{20,250}" // Anthropic
              + "|sk-(?:proj-|svcacct-|admin-)?[A-Za-z0-9_-]{20,250}" // OpenAI
              + ")\\b");

  private static final Pattern PEM_BEGIN =
      Pattern.compile("-----BEGIN (?:[A-Z0-9]+ )*PRIVATE KEY-----");

  private static final Pattern PEM_END =
      Pattern.compile("-----END (?:[A-Z0-9]+ )*PRIVATE KEY-----");

  private static final Pattern JWT =
      Pattern.compile("\\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*");

  /**
   * {@code name = value}, the name ending in key, token, secret or password; the value is group 1.
   */
  private static final Pattern ASSIGNMENT =
      Pattern.compile(
          "(?i)(?:key|token|secret|passwd|password|pwd)[\"']?\\s{0,8}[:=]\\s{0,8}[\"']?"
              + "([^\\s\"'`,;(){}<>\\[\\]]{16,512})");

  private SecretDetector() {}

  static void find(String text, List<Finding> out) {
    tokens(text, out);
    pemBlocks(text, out);
    jwts(text, out);
    assignments(text, out);
  }

  private static void tokens(String text, List<Finding> out) {
    Matcher m = TOKENS.matcher(text);
    while (m.find()) {
      if (hasDigit(text, m.start(), m.end())) { // "sk-this-is-a-long-phrase" is prose
        out.add(new Finding(FindingType.SECRET, m.start(), m.end()));
      }
    }
  }

  private static boolean hasDigit(String text, int start, int end) {
    for (int i = start; i < end; i++) {
      if (Character.isDigit(text.charAt(i))) {
        return true;
      }
    }
    return false;
  }

  /** A BEGIN line through its END line; a BEGIN line with no END (a truncated paste) alone. */
  private static void pemBlocks(String text, List<Finding> out) {
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

  private static void jwts(String text, List<Finding> out) {
    Matcher m = JWT.matcher(text);
    while (m.find()) {
      int dot = text.indexOf('.', m.start());
      if (headerHasAlg(text.substring(m.start(), dot))) {
        out.add(new Finding(FindingType.SECRET, m.start(), m.end()));
      }
    }
  }

  private static boolean headerHasAlg(String base64url) {
    try {
      String json = new String(Base64.getUrlDecoder().decode(base64url), StandardCharsets.UTF_8);
      return json.stripLeading().startsWith("{") && json.contains("\"alg\"");
    } catch (IllegalArgumentException notBase64) {
      return false;
    }
  }

  private static boolean looksGenerated(String value) {
    return hasDigit(value, 0, value.length())
        || (!value.equals(value.toLowerCase(java.util.Locale.ROOT))
            && !value.equals(value.toUpperCase(java.util.Locale.ROOT)));
  }

  private static void assignments(String text, List<Finding> out) {
    Matcher m = ASSIGNMENT.matcher(text);
    while (m.find()) {
      String value = m.group(1);
      if (Checksums.entropy(value) >= MIN_ENTROPY && looksGenerated(value)) {
        out.add(new Finding(FindingType.SECRET, m.start(1), m.end(1)));
      }
    }
  }
}
