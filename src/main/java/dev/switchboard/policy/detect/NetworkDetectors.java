package dev.switchboard.policy.detect;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.List;

/** Email addresses and IP addresses (v4 and v6; parsed, never resolved). */
final class NetworkDetectors {
  private static final Pattern EMAIL =
      Pattern.compile(
          "[A-Za-z0-9](?:[A-Za-z0-9._%+-]{0,63})@"
              + "(?:[A-Za-z0-9](?:[A-Za-z0-9-]{0,61}[A-Za-z0-9])?\\.)+[A-Za-z]{2,24}\\b");

  private static final Pattern IPV4 = Pattern.compile("\\b(?:[0-9]{1,3}\\.){3}[0-9]{1,3}\\b");

  /** Runs of hex digits, colons and dots with two colons at least; the parser decides. */
  private static final Pattern IPV6 = Pattern.compile("[0-9A-Fa-f.]*:[0-9A-Fa-f.]*:[0-9A-Fa-f:.]*");

  /** Words that make a dotted quad a version number, when they stand just before it. */
  private static final Pattern VERSION_WORD =
      Pattern.compile("(?i)(?:version|release|ver\\.?|build|v)\\s*[:=]?\\s*$");

  private NetworkDetectors() {}

  static void emails(String text, List<Finding> out) {
    Matcher m = EMAIL.matcher(text);
    while (m.find()) {
      out.add(new Finding(FindingType.EMAIL, m.start(), m.end()));
    }
  }

  /**
   * Dotted quads with octets 0-255 and no leading zeros, not part of a longer dotted sequence
   * (1.2.3.4.5, an OID) and not right after a version word ("v1.2.3.4", "version 10.0.0.1").
   */
  static void ipv4(String text, List<Finding> out) {
    Matcher m = IPV4.matcher(text);
    while (m.find()) {
      int start = m.start();
      int end = m.end();
      boolean embedded =
          (start > 0 && ".-_".indexOf(text.charAt(start - 1)) >= 0)
              || (end + 1 < text.length()
                  && (text.charAt(end) == '.' || text.charAt(end) == '-')
                  && Character.isLetterOrDigit(text.charAt(end + 1)));
      if (!embedded && validIpv4(text, start, end) && !afterVersionWord(text, start)) {
        out.add(new Finding(FindingType.IP_ADDRESS, start, end));
      }
    }
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

  /** IPv6 in full, compressed or IPv4-embedded form, standing alone (not in "std::vector"). */
  static void ipv6(String text, List<Finding> out) {
    Matcher m = IPV6.matcher(text);
    while (m.find()) {
      int start = m.start();
      int end = m.end();
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
  }

  private static boolean isWordChar(char c) {
    return Character.isLetterOrDigit(c) || c == '_';
  }
}
