package dev.switchboard.policy.detect;

import com.google.re2j.Pattern;
import java.util.List;

/**
 * Email addresses and IP addresses (v4 and v6; parsed, never resolved). Each detector's RE2J
 * pattern decides what matches; a hand-written pass only picks where a match could start (around an
 * '@', at a digit, around a run with two colons), so text without such places costs one cheap pass.
 */
final class NetworkDetectors {
  /**
   * An email address: a local part of 1 to 64 characters starting with a letter or digit, then
   * domain labels each followed by a dot, then a top-level domain of 2 to 24 letters.
   */
  static final AnchoredPattern EMAIL =
      new AnchoredPattern(
          "[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@"
              + "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}\\b");

  /** A dotted quad as a word; octet values and context are checked after. */
  static final AnchoredPattern IPV4 = new AnchoredPattern("\\b(?:[0-9]{1,3}\\.){3}[0-9]{1,3}\\b");

  /** A run of hex digits, dots and colons with two colons at least; the parser decides. */
  static final AnchoredPattern IPV6 =
      new AnchoredPattern("[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");

  /** The longest local part {@link #EMAIL} takes. */
  private static final int MAX_LOCAL = 64;

  /** The longest dotted quad {@link #IPV4} takes. */
  private static final int MAX_QUAD = 15;

  /** Words that make a dotted quad a version number, when they stand just before it. */
  private static final Pattern VERSION_WORD =
      Pattern.compile("(?i)(?:version|release|ver\\.?|build|v)\\s*[:=]?\\s*$");

  private NetworkDetectors() {}

  /**
   * What {@link #EMAIL} finds: each '@' with a letter or digit in the 64 local-part characters
   * before it and a dot and two letters in the domain characters after it is a candidate, and the
   * pattern, anchored at the leftmost place the local part can start, decides (a text without an
   * '@' costs one {@code indexOf}).
   */
  static void emails(String text, List<Finding> out) {
    int floor = 0; // where the previous match ended: a match never starts before it
    int at = text.indexOf('@');
    while (at >= 0) {
      int start = localStart(text, at, floor);
      int domainEnd = start < 0 ? -1 : domainRunEnd(text, at + 1);
      // Every start of this '@' shares its domain: if the leftmost fails, all of them do.
      int end = domainEnd < 0 ? -1 : EMAIL.end(text, start, domainEnd + 1);
      if (end > 0) {
        out.add(new Finding(FindingType.EMAIL, start, end));
        floor = end;
        at = text.indexOf('@', end);
      } else {
        at = text.indexOf('@', at + 1);
      }
    }
  }

  /** The leftmost place a local part ending at {@code at} can start, or -1. */
  private static int localStart(String text, int at, int floor) {
    int from = at;
    while (from > floor && at - from < MAX_LOCAL && isLocalChar(text.charAt(from - 1))) {
      from--;
    }
    for (int i = from; i < at; i++) {
      if (Chars.isAsciiAlnum(text.charAt(i))) {
        return i;
      }
    }
    return -1;
  }

  private static boolean isLocalChar(char c) {
    return Chars.isAsciiAlnum(c) || c == '.' || c == '_' || c == '%' || c == '+' || c == '-';
  }

  /**
   * The end of the run of domain characters from {@code from}, if it holds a dot followed by two
   * letters (where a top-level domain could start); else -1.
   */
  private static int domainRunEnd(String text, int from) {
    int end = from;
    boolean tld = false;
    while (end < text.length() && isDomainChar(text.charAt(end))) {
      tld |=
          text.charAt(end) == '.'
              && end + 2 < text.length()
              && Chars.isAsciiLetter(text.charAt(end + 1))
              && Chars.isAsciiLetter(text.charAt(end + 2));
      end++;
    }
    return tld ? end : -1;
  }

  private static boolean isDomainChar(char c) {
    return Chars.isAsciiAlnum(c) || c == '-' || c == '.';
  }

  /**
   * Dotted quads with octets 0-255 and no leading zeros, not part of a longer dotted sequence
   * (1.2.3.4.5, an OID) and not right after a version word ("v1.2.3.4", "version 10.0.0.1").
   */
  static void ipv4(String text, List<Finding> out) {
    int i = 0;
    while (i < text.length()) {
      boolean candidate =
          Chars.isDigit(text.charAt(i)) && !Chars.wordBefore(text, i) && quadEnd(text, i) > 0;
      int end = candidate ? IPV4.end(text, i, i + MAX_QUAD + 1) : -1;
      if (end < 0) {
        i++;
        continue;
      }
      if (ipv4Kept(text, i, end)) {
        out.add(new Finding(FindingType.IP_ADDRESS, i, end));
      }
      i = end;
    }
  }

  /**
   * The checks after {@link #IPV4} matched {@code [start, end)}: valid octets, not embedded in a
   * longer dotted or dashed token, not after a version word.
   */
  static boolean ipv4Kept(String text, int start, int end) {
    boolean embedded =
        (start > 0 && ".-_".indexOf(text.charAt(start - 1)) >= 0)
            || (end + 1 < text.length()
                && (text.charAt(end) == '.' || text.charAt(end) == '-')
                && Character.isLetterOrDigit(text.charAt(end + 1)));
    return !embedded && validIpv4(text, start, end) && !afterVersionWord(text, start);
  }

  /** The prefilter: four dot-separated groups of 1 to 3 digits from {@code start}, or -1. */
  private static int quadEnd(String text, int start) {
    int at = start;
    for (int group = 0; group < 4; group++) {
      int digits = 0;
      while (Chars.digitAt(text, at)) {
        at++;
        digits++;
      }
      if (digits == 0 || digits > 3) {
        return -1;
      }
      if (group < 3) {
        if (at >= text.length() || text.charAt(at) != '.') {
          return -1;
        }
        at++;
      }
    }
    return Chars.wordAt(text, at) ? -1 : at;
  }

  private static boolean afterVersionWord(String text, int start) {
    String before = text.substring(Math.max(0, start - 12), start);
    return VERSION_WORD.matcher(before).find();
  }

  static boolean validIpv4(CharSequence text, int start, int end) {
    int octets = 0;
    int i = start;
    while (i < end) {
      int from = i;
      int value = 0;
      while (i < end && text.charAt(i) != '.') {
        char c = text.charAt(i++);
        if (c < '0' || c > '9') {
          return false;
        }
        value = value * 10 + (c - '0');
      }
      int digits = i - from;
      if (digits == 0 || digits > 3 || value > 255 || (digits > 1 && text.charAt(from) == '0')) {
        return false;
      }
      octets++;
      i++; // past the dot
    }
    return octets == 4 && text.charAt(end - 1) != '.';
  }

  /**
   * IPv6 in full, compressed or IPv4-embedded form, standing alone (not in "std::vector"): each run
   * of hex digits, dots and colons with two colons at least is a candidate, {@link #IPV6} anchored
   * at its start delimits it, and the parser decides.
   */
  static void ipv6(String text, List<Finding> out) {
    int colon = text.indexOf(':');
    while (colon >= 0) {
      int start = colon;
      while (start > 0 && isIpv6Char(text.charAt(start - 1))) {
        start--;
      }
      int end = colon + 1;
      int colons = 1;
      while (end < text.length() && isIpv6Char(text.charAt(end))) {
        colons += text.charAt(end) == ':' ? 1 : 0;
        end++;
      }
      int matched = colons >= 2 ? IPV6.end(text, start, end + 1) : -1;
      if (matched > 0) {
        candidate(text, start, matched, out);
      }
      colon = end < text.length() ? text.indexOf(':', end) : -1;
    }
  }

  /** The checks after {@link #IPV6} matched a run: a full stop dropped, standing alone, parsed. */
  static void candidate(String text, int start, int runEnd, List<Finding> out) {
    int end = runEnd;
    while (end > start && text.charAt(end - 1) == '.') {
      end--; // a sentence's full stop
    }
    boolean alone =
        (start == 0 || !isWordChar(text.charAt(start - 1)))
            && (end == text.length() || !isWordChar(text.charAt(end)));
    if (alone && Ipv6.valid(text, start, end)) {
      out.add(new Finding(FindingType.IP_ADDRESS, start, end));
    }
  }

  private static boolean isIpv6Char(char c) {
    return Chars.isDigit(c)
        || (c >= 'a' && c <= 'f')
        || (c >= 'A' && c <= 'F')
        || c == '.'
        || c == ':';
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
