package dev.switchboard.wire;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.MatchResult;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Text that came from outside (a provider's error body or event, a client's field) made safe to
 * show a client or write to a log: known secrets removed, anything shaped like a key or token
 * masked, one line, short. The one place such text is cleaned and clipped.
 */
public final class UntrustedText {
  /** The longest text that leaves this class through {@link #scrub}. */
  public static final int MAX_LENGTH = 240;

  public static final String REDACTED = "[redacted]";

  /** Secrets shorter than this are placeholders ("test", "none"), not credentials. */
  static final int MIN_SECRET_LENGTH = 8;

  private static final String KEY_CHARS = "A-Za-z0-9._~+/=-";
  private static final Pattern AUTH_SCHEME =
      Pattern.compile("(?i)\\b(bearer)(\\s++|%20)[" + KEY_CHARS + "]{8,}+");
  private static final Pattern NAMED_SECRET =
      Pattern.compile(
          "(?i)((?:proxy-)?authorization|x-api-key|x-goog-api-key|api[-_]?key|access[-_]?token"
              + "|client[-_]?secret|password|secret)([\"']?\\s*+[:=]\\s*+[\"']?(?:bearer\\s++)?+)"
              + "(?!\\[redacted])[^\\s\"',;&}]++");
  private static final Pattern QUERY_SECRET =
      Pattern.compile(
          "(?i)([?&](?:key|api[-_]?key|apikey|access[-_]?token|token|secret|sig|signature)=)"
              + "[^&\\s\"'#]++");
  private static final Pattern KEY_SHAPED =
      Pattern.compile(
          "\\b(?:(?:sk|pk|rk|xai|sess)-[A-Za-z0-9_-]{6,}+|(?:sk|rk|gsk|hf|ghp|gho|ghs|glpat)_"
              + "[A-Za-z0-9_-]{8,}+|github_pat_[A-Za-z0-9_]{8,}+|AIza[A-Za-z0-9_-]{20,}+"
              + "|AKIA[A-Z0-9]{16}+|eyJ[A-Za-z0-9_-]{8,}+\\.[A-Za-z0-9._-]++)");
  private static final Pattern LONG_TOKEN = Pattern.compile("[A-Za-z0-9+/=_-]{32,}+");
  private static final Pattern BREAKS =
      Pattern.compile("[\\p{Cc}\\p{Zl}\\p{Zp}\\u202A-\\u202E\\u2066-\\u2069\\s]++");

  private UntrustedText() {}

  /** The whole treatment: secrets, key shapes, one line, at most {@link #MAX_LENGTH}. */
  public static String scrub(String text, Collection<String> secrets) {
    // A first cut bounds the work on a huge body; it is as careful with keys as the last one.
    String head = clip(text, 8 * MAX_LENGTH);
    return clip(line(removeSecrets(head, secrets)), MAX_LENGTH);
  }

  /** {@link #scrub} with no known secret: key shapes are still masked. */
  public static String scrub(String text) {
    return scrub(text, List.of());
  }

  /** Key shapes masked and folded onto one line, not clipped: for a log line's fields. */
  public static String line(String text) {
    return oneLine(mask(text));
  }

  /**
   * Every secret of at least {@link #MIN_SECRET_LENGTH} characters replaced, as written and in its
   * URL-encoded and base64 forms. Nothing else changes, so JSON stays JSON.
   */
  public static String removeSecrets(String text, Collection<String> secrets) {
    String out = text;
    for (String form : forms(secrets)) {
      out = out.replace(form, REDACTED);
    }
    return out;
  }

  /** Bearer tokens, key-like strings, secret query parameters and long random tokens masked. */
  static String mask(String text) {
    String out = AUTH_SCHEME.matcher(text).replaceAll("$1 " + REDACTED);
    out = NAMED_SECRET.matcher(out).replaceAll("$1$2" + REDACTED);
    out = QUERY_SECRET.matcher(out).replaceAll("$1" + REDACTED);
    out = KEY_SHAPED.matcher(out).replaceAll(REDACTED);
    return LONG_TOKEN.matcher(out).replaceAll(UntrustedText::maskIfRandom);
  }

  /** Line breaks, control and bidi characters become single spaces: one log line, always. */
  static String oneLine(String text) {
    return BREAKS.matcher(text).replaceAll(" ").strip();
  }

  /**
   * At most {@code max} characters; a cut never leaves the start of a token, so no part of a key
   * survives the cut.
   */
  static String clip(String text, int max) {
    if (text.length() <= max) {
      return text;
    }
    int end = max;
    while (end > 0 && isKeyChar(text.charAt(end - 1)) && isKeyChar(text.charAt(end))) {
      end--;
    }
    return text.substring(0, end).stripTrailing() + "…";
  }

  private static String maskIfRandom(MatchResult token) {
    String value = token.group();
    boolean letters = value.chars().anyMatch(Character::isLetter);
    boolean digits = value.chars().anyMatch(Character::isDigit);
    return letters && digits ? REDACTED : Matcher.quoteReplacement(value);
  }

  private static boolean isKeyChar(char c) {
    return Character.isLetterOrDigit(c) || "._~+/=-".indexOf(c) >= 0;
  }

  private static Set<String> forms(Collection<String> secrets) {
    Set<String> forms = new LinkedHashSet<>();
    List<String> longestFirst = new ArrayList<>(secrets);
    longestFirst.sort((a, b) -> b.length() - a.length());
    for (String secret : longestFirst) {
      if (secret.length() >= MIN_SECRET_LENGTH) {
        forms.add(secret);
        forms.add(URLEncoder.encode(secret, StandardCharsets.UTF_8));
        forms.add(base64(secret));
      }
    }
    return forms;
  }

  private static String base64(String secret) {
    String encoded = Base64.getEncoder().encodeToString(secret.getBytes(StandardCharsets.UTF_8));
    // Drop the padding and the last, partial character: they depend on what follows the secret.
    String stable = encoded.replace("=", "");
    return stable.substring(0, stable.length() - (secret.length() % 3 == 0 ? 0 : 1));
  }
}
