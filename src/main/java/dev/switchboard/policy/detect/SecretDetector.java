package dev.switchboard.policy.detect;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
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

  /** Token prefixes, each with its character class and length bounds after the prefix. */
  private record Token(String prefix, int kind, int min, int max) {}

  private static final int ALNUM = 0; // [A-Za-z0-9]
  private static final int UPPER_ALNUM = 1; // [A-Z0-9]
  private static final int WORD = 2; // [A-Za-z0-9_]
  private static final int ALNUM_DASH = 3; // [A-Za-z0-9-]
  private static final int WORD_DASH = 4; // [A-Za-z0-9_-]

  /** In RE2 alternation order: the first that matches at a position wins. */
  private static final List<Token> TOKENS = tokens();

  private static List<Token> tokens() {
    List<Token> tokens = new ArrayList<>();
    for (String aws : List.of("AKIA", "ASIA", "ABIA", "ACCA")) {
      tokens.add(new Token(aws, UPPER_ALNUM, 16, 16)); // AWS access key id
    }
    for (char kind : "pousr".toCharArray()) {
      tokens.add(new Token("gh" + kind + "_", ALNUM, 36, 251)); // GitHub classic tokens
    }
    tokens.add(new Token("github_pat_", WORD, 22, 255)); // GitHub fine-grained tokens
    for (char kind : "abpr".toCharArray()) {
      tokens.add(new Token("xox" + kind + "-", ALNUM_DASH, 10, 250)); // Slack
    }
    tokens.add(new Token("sk-ant-", WORD_DASH, 20, 250)); // Anthropic
    for (String openAi : List.of("sk-proj-", "sk-svcacct-", "sk-admin-", "sk-")) {
      tokens.add(new Token(openAi, WORD_DASH, 20, 250)); // OpenAI
    }
    return List.copyOf(tokens);
  }

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
   * What RE2 {@code
   * \\b(?:(?:AKIA|ASIA|ABIA|ACCA)[A-Z0-9]{16}|gh[pousr]_[A-Za-z0-9]{36,251}|...)\\b} finds, by
   * hand: at each word start, the first token kind whose prefix and body fit.
   */
  private static void tokens(String text, List<Finding> out) {
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      int end =
          (c == 'A' || c == 'g' || c == 'x' || c == 's') && !Chars.wordBefore(text, i)
              ? tokenEnd(text, i)
              : -1;
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

  private static int tokenEnd(String text, int start) {
    for (Token token : TOKENS) {
      if (text.startsWith(token.prefix(), start)) {
        int body = start + token.prefix().length();
        int run = body;
        while (run < text.length()
            && run - body < token.max()
            && inClass(token.kind(), text.charAt(run))) {
          run++;
        }
        // Greedy, then back off to a word boundary, as RE2 does.
        for (int end = run; end - body >= token.min(); end--) {
          if (Chars.boundary(text, end)) {
            return end;
          }
        }
      }
    }
    return -1;
  }

  private static boolean inClass(int kind, char c) {
    return switch (kind) {
      case ALNUM -> Chars.isAsciiAlnum(c);
      case UPPER_ALNUM -> Chars.isDigit(c) || (c >= 'A' && c <= 'Z');
      case WORD -> Chars.isWord(c);
      case ALNUM_DASH -> Chars.isAsciiAlnum(c) || c == '-';
      default -> Chars.isWord(c) || c == '-';
    };
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

  /** RE2 {@code \\beyJ[A-Za-z0-9_-]{5,}\\.[A-Za-z0-9_-]{2,}\\.[A-Za-z0-9_-]*}, by hand. */
  private static void jwts(String text, List<Finding> out) {
    int at = text.indexOf("eyJ");
    while (at >= 0) {
      int header = segmentEnd(text, at + 3);
      int payload = header - at >= 8 && dotAt(text, header) ? segmentEnd(text, header + 1) : -1;
      if (payload - header - 1 >= 2 && dotAt(text, payload) && !Chars.wordBefore(text, at)) {
        int end = segmentEnd(text, payload + 1);
        if (headerHasAlg(text.substring(at, header))) {
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

  /**
   * {@code name = value} (or ':'), the name ending in key, token, secret or password, read from
   * each ':' and '='; what RE2 {@code (?i)(?:key|...|pwd)["']?\\s{0,8}[:=]\\s{0,8}["']?
   * ([^\\s"'`,;(){}<>\\[\\]]{16,512})} finds, reporting only the value.
   */
  private static void assignments(String text, List<Finding> out) {
    int floor = 0; // where the previous match ended: a match never starts before it
    int i = 0;
    while (i < text.length()) {
      char c = text.charAt(i);
      if ((c != ':' && c != '=') || !namedBefore(text, i, floor)) {
        i++;
        continue;
      }
      int value = i + 1;
      int spaces = 0;
      while (value < text.length()
          && Chars.isRe2Space(text.charAt(value))
          && spaces <= MAX_SPACES) {
        value++;
        spaces++;
      }
      if (value < text.length() && (text.charAt(value) == '"' || text.charAt(value) == '\'')) {
        value++;
      }
      int end = value;
      while (end < text.length()
          && end - value < MAX_VALUE_LENGTH
          && isValueChar(text.charAt(end))) {
        end++;
      }
      if (spaces > MAX_SPACES || end - value < MIN_VALUE_LENGTH) {
        i++;
        continue;
      }
      String found = text.substring(value, end);
      if (Checksums.entropy(found) >= MIN_ENTROPY && looksGenerated(found)) {
        out.add(new Finding(FindingType.SECRET, value, end));
      }
      floor = end;
      i = end;
    }
  }

  /**
   * Whether a name from {@link #NAMES}, a quote and spaces stand before {@code at}, after floor.
   */
  private static boolean namedBefore(String text, int at, int floor) {
    int end = at;
    int spaces = 0;
    while (end > floor && Chars.isRe2Space(text.charAt(end - 1))) {
      end--;
      spaces++;
    }
    if (spaces > MAX_SPACES) {
      return false;
    }
    if (end > floor && (text.charAt(end - 1) == '"' || text.charAt(end - 1) == '\'')) {
      end--;
    }
    for (String name : NAMES) {
      int start = end - name.length();
      if (start >= floor && text.regionMatches(true, start, name, 0, name.length())) {
        return true;
      }
    }
    return false;
  }

  private static boolean isValueChar(char c) {
    return !Chars.isRe2Space(c) && "\"'`,;(){}<>[]".indexOf(c) < 0;
  }
}
