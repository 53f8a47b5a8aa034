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
    this.regions = List.copyOf(regions);
  }

  @Override
  public void find(String text, List<Finding> out) {
    Matcher run = RUN.matcher(text);
    while (run.find()) {
      if (digits(text, run.start(), run.end()) >= MIN_DIGITS) {
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
        findIn(text.substring(from, to), from, out);
      }
    }
  }

  private void findIn(String window, int offset, List<Finding> out) {
    // Duplicates across regions are merged by the scanner's overlap resolution.
    for (String region : regions) {
      for (PhoneNumberMatch match :
          UTIL.findNumbers(window, region, PhoneNumberUtil.Leniency.VALID, Long.MAX_VALUE)) {
        out.add(new Finding(FindingType.PHONE, offset + match.start(), offset + match.end()));
      }
    }
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
