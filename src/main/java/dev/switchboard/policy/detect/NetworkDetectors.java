package dev.switchboard.policy.detect;

import com.google.re2j.Pattern;
import java.util.List;

/** Email addresses and IP addresses (v4 and v6; parsed, never resolved). */
final class NetworkDetectors {
  /** The longest local part RE2 {@code [A-Za-z0-9][A-Za-z0-9._%+-]{0,63}} takes. */
  private static final int MAX_LOCAL = 64;

  /** How far past the '@' a domain is read (RFC 1035 allows 253 characters). */
  private static final int MAX_DOMAIN = 255;

  private static final int MAX_LABEL = 63;
  private static final int MIN_TLD = 2;
  private static final int MAX_TLD = 24;

  /** Words that make a dotted quad a version number, when they stand just before it. */
  private static final Pattern VERSION_WORD =
      Pattern.compile("(?i)(?:version|release|ver\\.?|build|v)\\s*[:=]?\\s*$");

  private NetworkDetectors() {}

  /**
   * What RE2 {@code [A-Za-z0-9][A-Za-z0-9._%+-]{0,63}@(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}
   * [A-Za-z0-9])?\\.)+[A-Za-z]{2,24}\\b} finds, read outward from each '@' (a text without one
   * costs one {@code indexOf}).
   */
  static void emails(String text, List<Finding> out) {
    int floor = 0; // where the previous match ended: a match never starts before it
    int at = text.indexOf('@');
    while (at >= 0) {
      int start = localStart(text, at, floor);
      int end = start < 0 ? -1 : domainEnd(text, at + 1);
      if (end > 0) {
        out.add(new Finding(FindingType.EMAIL, start, end));
        floor = end;
        at = text.indexOf('@', end);
      } else {
        at = text.indexOf('@', at + 1);
      }
    }
  }

  /** The leftmost start of a local part ending at {@code at}, or -1. */
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
   * The end of the longest domain from {@code from}: one or more labels each followed by a dot,
   * then a top-level domain of 2 to 24 letters at a word boundary; or -1.
   */
  private static int domainEnd(String text, int from) {
    int limit = Math.min(text.length(), from + MAX_DOMAIN);
    int best = -1;
    int label = from;
    while (label < limit) {
      int labelEnd = label;
      while (labelEnd < limit && isLabelChar(text.charAt(labelEnd))) {
        labelEnd++;
      }
      int tld = tldEnd(text, label, labelEnd);
      if (tld > 0 && label > from) {
        best = tld; // a later, longer domain overrides: the labels are greedy
      }
      boolean labelOk =
          labelEnd > label
              && labelEnd - label <= MAX_LABEL
              && Chars.isAsciiAlnum(text.charAt(label))
              && Chars.isAsciiAlnum(text.charAt(labelEnd - 1));
      if (!labelOk || labelEnd >= limit || text.charAt(labelEnd) != '.') {
        return best;
      }
      label = labelEnd + 1;
    }
    return best;
  }

  /** The end of a 2-to-24-letter top-level domain at {@code label}, at a word boundary, or -1. */
  private static int tldEnd(String text, int label, int labelEnd) {
    int end = label;
    while (end < labelEnd && Chars.isAsciiLetter(text.charAt(end))) {
      end++;
    }
    int letters = end - label;
    return letters >= MIN_TLD && letters <= MAX_TLD && !Chars.wordAt(text, end) ? end : -1;
  }

  private static boolean isLabelChar(char c) {
    return Chars.isAsciiAlnum(c) || c == '-';
  }

  /**
   * Dotted quads with octets 0-255 and no leading zeros, not part of a longer dotted sequence
   * (1.2.3.4.5, an OID) and not right after a version word ("v1.2.3.4", "version 10.0.0.1").
   */
  static void ipv4(String text, List<Finding> out) {
    int i = 0;
    while (i < text.length()) {
      int end = Chars.isDigit(text.charAt(i)) && !Chars.wordBefore(text, i) ? quadEnd(text, i) : -1;
      if (end < 0) {
        i++;
        continue;
      }
      boolean embedded =
          (i > 0 && ".-_".indexOf(text.charAt(i - 1)) >= 0)
              || (end + 1 < text.length()
                  && (text.charAt(end) == '.' || text.charAt(end) == '-')
                  && Character.isLetterOrDigit(text.charAt(end + 1)));
      if (!embedded && validIpv4(text, i, end) && !afterVersionWord(text, i)) {
        out.add(new Finding(FindingType.IP_ADDRESS, i, end));
      }
      i = end;
    }
  }

  /** The end of RE2 {@code (?:[0-9]{1,3}\\.){3}[0-9]{1,3}\\b} at {@code start}, or -1. */
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
   * of hex digits, dots and colons with two colons at least is a candidate for the parser.
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
      if (colons >= 2) {
        candidate(text, start, end, out);
      }
      colon = end < text.length() ? text.indexOf(':', end) : -1;
    }
  }

  private static void candidate(String text, int start, int runEnd, List<Finding> out) {
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
