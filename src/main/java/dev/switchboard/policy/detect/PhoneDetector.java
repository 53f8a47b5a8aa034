package dev.switchboard.policy.detect;

import com.google.i18n.phonenumbers.PhoneNumberMatch;
import com.google.i18n.phonenumbers.PhoneNumberUtil;
import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.List;

/**
 * Phone numbers as libphonenumber finds them at leniency VALID: international numbers anywhere,
 * national ones for each default region (a number valid in several regions is found once).
 * libphonenumber reads only the digit runs RE2J picks out, not the whole text: it is by far the
 * slowest detector, and most of a prompt has no digits.
 */
final class PhoneDetector implements Detector {
  private static final PhoneNumberUtil UTIL = PhoneNumberUtil.getInstance();

  /** Digits with the separators phone numbers use, optionally after '+' or '('. */
  private static final Pattern RUN = Pattern.compile("[+(]?[0-9][0-9 ()./\\-]*[0-9]");

  /** No region's numbers are shorter (Germany has six-digit local numbers with a 3-digit code). */
  private static final int MIN_DIGITS = 6;

  /** How far the window around a run reaches for the word it stands in. */
  private static final int CONTEXT = 32;

  private final List<String> regions;

  PhoneDetector(List<String> regions) {
    for (String region : regions) {
      if (!UTIL.getSupportedRegions().contains(region)) {
        throw new IllegalArgumentException("unknown phone region '" + region + "'");
      }
    }
    // libphonenumber's unknown region "ZZ" finds international numbers only.
    this.regions = regions.isEmpty() ? List.of("ZZ") : List.copyOf(regions);
  }

  @Override
  public void find(String text, List<Finding> out) {
    Matcher run = RUN.matcher(text);
    while (run.find()) {
      if (digits(text, run.start(), run.end()) >= MIN_DIGITS
          && !versionLike(text, run.start(), run.end())) {
        // Out to the surrounding whitespace, so libphonenumber sees what the number touches (a
        // date's clock time "10:20:30" makes "2024-01-15 10" no number).
        int from = run.start();
        while (from > 0 && run.start() - from < CONTEXT && !isSpace(text.charAt(from - 1))) {
          from--;
        }
        int to = run.end();
        while (to < text.length() && to - run.end() < CONTEXT && !isSpace(text.charAt(to))) {
          to++;
        }
        findIn(text, from, to, out);
      }
    }
  }

  private void findIn(String text, int from, int to, List<Finding> out) {
    String window = text.substring(from, to);
    // Duplicates across regions are merged by the scanner's overlap resolution.
    for (String region : regions) {
      for (PhoneNumberMatch match :
          UTIL.findNumbers(window, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
        int start = from + match.start();
        int end = from + match.end();
        if (!glued(text, start - 1, -1) && !glued(text, end, 1)) {
          out.add(new Finding(FindingType.PHONE, start, end));
        }
      }
    }
  }

  /**
   * Whether the number continues a token at {@code at} (looking away by {@code step}): a letter or
   * digit there, or a hyphen or dot and then one, as in the UUID "03674663-ac76-...".
   */
  private static boolean glued(String text, int at, int step) {
    if (at < 0 || at >= text.length()) {
      return false;
    }
    char c = text.charAt(at);
    if (Character.isLetterOrDigit(c) || c == '_') {
      return true;
    }
    int next = at + step;
    return (c == '-' || c == '.')
        && next >= 0
        && next < text.length()
        && Character.isLetterOrDigit(text.charAt(next));
  }

  /**
   * Digits and dots only, with a one-digit group: a version or section number ("0.16.47.3"); dotted
   * phone numbers group their digits in twos and more ("01.42.68.53.00", "415.555.2671").
   */
  private static boolean versionLike(String text, int start, int end) {
    int group = 0;
    boolean shortGroup = false;
    for (int i = start; i <= end; i++) {
      char c = i < end ? text.charAt(i) : '.';
      if (c == '.') {
        shortGroup |= group == 1;
        group = 0;
      } else if (c >= '0' && c <= '9') {
        group++;
      } else {
        return false;
      }
    }
    return shortGroup;
  }

  private static boolean isSpace(char c) {
    return Character.isWhitespace(c) || Character.isSpaceChar(c);
  }

  private static int digits(String text, int start, int end) {
    int digits = 0;
    for (int i = start; i < end && digits < MIN_DIGITS; i++) {
      if (text.charAt(i) >= '0' && text.charAt(i) <= '9') {
        digits++;
      }
    }
    return digits;
  }
}
