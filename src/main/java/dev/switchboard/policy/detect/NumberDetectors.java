package dev.switchboard.policy.detect;

import java.util.List;

/** Payment cards (Luhn and issuer prefixes) and US social security numbers (SSA validity rules). */
final class NumberDetectors {
  private static final int MIN_CARD = 13;
  private static final int MAX_CARD = 19;

  /** AAA-GG-SSSS with dashes or spaces (the same one twice). */
  private static final int SSN_LENGTH = 11;

  /** A bare nine-digit number, counted only after an SSN keyword. */
  private static final int BARE_LENGTH = 9;

  private static final String SOCIAL = "social security";

  /** How far before a bare number an SSN keyword may stand. */
  private static final int KEYWORD_REACH = 32;

  /** Issuer ranges: prefix low..high over {@code digits} leading digits, then allowed lengths. */
  private record Issuer(int low, int high, int digits, int minLength, int maxLength) {}

  private static final List<Issuer> ISSUERS =
      List.of(
          new Issuer(4, 4, 1, 13, 19), // Visa
          new Issuer(51, 55, 2, 16, 16), // Mastercard
          new Issuer(2221, 2720, 4, 16, 16), // Mastercard 2-series
          new Issuer(34, 34, 2, 15, 15), // American Express
          new Issuer(37, 37, 2, 15, 15),
          new Issuer(6011, 6011, 4, 16, 19), // Discover
          new Issuer(644, 649, 3, 16, 19),
          new Issuer(65, 65, 2, 16, 19),
          new Issuer(3528, 3589, 4, 16, 19), // JCB
          new Issuer(300, 305, 3, 14, 19), // Diners Club
          new Issuer(36, 36, 2, 14, 19),
          new Issuer(38, 39, 2, 14, 19),
          new Issuer(62, 62, 2, 16, 19), // UnionPay
          new Issuer(50, 50, 2, 12, 19), // Maestro
          new Issuer(56, 58, 2, 12, 19),
          new Issuer(63, 63, 2, 12, 19),
          new Issuer(67, 67, 2, 12, 19),
          new Issuer(2200, 2204, 4, 16, 19)); // Mir

  private NumberDetectors() {}

  /**
   * What RE2 {@code \\b(?:[0-9][ -]?){12,18}[0-9]\\b} finds, scanned by hand in one pass: 13 to 19
   * digits, each pair separated by at most one space or dash, not inside a longer number.
   */
  static void cards(String text, List<Finding> out) {
    int i = 0;
    while (i < text.length()) {
      int end = Chars.isDigit(text.charAt(i)) && !Chars.wordBefore(text, i) ? cardEnd(text, i) : -1;
      if (end < 0) {
        i++;
        continue;
      }
      String digits = digitsOf(text, i, end);
      if (Checksums.luhn(digits) && knownIssuer(digits)) {
        out.add(new Finding(FindingType.CREDIT_CARD, i, end));
      }
      i = end;
    }
  }

  /** The end of the longest card-shaped run of 13 to 19 digits from {@code start}, or -1. */
  private static int cardEnd(String text, int start) {
    int best = -1;
    int count = 0;
    int at = start;
    while (true) {
      count++;
      if (count >= MIN_CARD && !Chars.wordAt(text, at + 1)) {
        best = at + 1;
      }
      if (count == MAX_CARD) {
        return best;
      }
      if (Chars.digitAt(text, at + 1)) {
        at++;
      } else if (at + 2 < text.length()
          && (text.charAt(at + 1) == ' ' || text.charAt(at + 1) == '-')
          && Chars.isDigit(text.charAt(at + 2))) {
        at += 2;
      } else {
        return best;
      }
    }
  }

  private static String digitsOf(String text, int start, int end) {
    StringBuilder digits = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c >= '0' && c <= '9') {
        digits.append(c);
      }
    }
    return digits.toString();
  }

  private static boolean knownIssuer(String digits) {
    int[] prefixes = new int[5]; // prefixes[k]: the first k digits as a number
    for (int k = 1; k < prefixes.length; k++) {
      prefixes[k] = prefixes[k - 1] * 10 + (digits.charAt(k - 1) - '0');
    }
    for (Issuer issuer : ISSUERS) {
      int prefix = prefixes[issuer.digits()];
      if (prefix >= issuer.low()
          && prefix <= issuer.high()
          && digits.length() >= issuer.minLength()
          && digits.length() <= issuer.maxLength()) {
        return true;
      }
    }
    return false;
  }

  /**
   * Dashed or spaced SSNs that pass the validity rules; bare nine-digit numbers only when "SSN" or
   * "social security" stands at most {@value #KEYWORD_REACH} characters before them (a bare number
   * alone is as likely an order or account number).
   */
  static void ssns(String text, List<Finding> out) {
    int i = 0;
    while (i + SSN_LENGTH <= text.length()) {
      if (!ssnShaped(text, i)) {
        i++;
        continue;
      }
      int end = i + SSN_LENGTH;
      if (text.charAt(i + 3) == text.charAt(i + 6)
          && !inNumberRow(text, i, end)
          && validSsn(text, i, i + 4, i + 7)) {
        out.add(new Finding(FindingType.US_SSN, i, end));
      }
      i = end;
    }
    bareSsns(text, out);
  }

  /** RE2 {@code \\b[0-9]{3}[- ][0-9]{2}[- ][0-9]{4}\\b} at {@code at}. */
  private static boolean ssnShaped(String text, int at) {
    return !Chars.wordBefore(text, at)
        && digitsAt(text, at, 3)
        && isSsnSeparator(text.charAt(at + 3))
        && digitsAt(text, at + 4, 2)
        && isSsnSeparator(text.charAt(at + 6))
        && digitsAt(text, at + 7, 4)
        && !Chars.wordAt(text, at + SSN_LENGTH);
  }

  private static boolean isSsnSeparator(char c) {
    return c == '-' || c == ' ';
  }

  private static boolean digitsAt(String text, int at, int count) {
    for (int i = at; i < at + count; i++) {
      if (!Chars.isDigit(text.charAt(i))) {
        return false;
      }
    }
    return true;
  }

  /** Nine digits standing alone, at most {@value #KEYWORD_REACH} characters after a keyword. */
  private static void bareSsns(String text, List<Finding> out) {
    int keywordEnd = -1; // the end of the last keyword before i
    int i = 0;
    while (i < text.length()) {
      int keyword = ssnKeywordEnd(text, i);
      if (keyword > 0) {
        keywordEnd = keyword;
        i = keyword;
        continue;
      }
      if (keywordEnd >= 0
          && i + BARE_LENGTH <= text.length()
          && !Chars.wordBefore(text, i)
          && digitsAt(text, i, BARE_LENGTH)
          && !Chars.wordAt(text, i + BARE_LENGTH)) {
        if (i - keywordEnd <= KEYWORD_REACH && validSsn(text, i, i + 3, i + 5)) {
          out.add(new Finding(FindingType.US_SSN, i, i + BARE_LENGTH));
        }
        i += BARE_LENGTH;
        continue;
      }
      i++;
    }
  }

  /**
   * The end of RE2 {@code (?i)\\b(?:ssn|ss#|social security(?: number| no\\.?| #)?)} at {@code at},
   * or -1.
   */
  private static int ssnKeywordEnd(String text, int at) {
    char c = text.charAt(at);
    if ((c != 's' && c != 'S') || Chars.wordBefore(text, at)) {
      return -1;
    }
    if (text.regionMatches(true, at, "ssn", 0, 3) || text.regionMatches(true, at, "ss#", 0, 3)) {
      return at + 3;
    }
    if (!text.regionMatches(true, at, SOCIAL, 0, SOCIAL.length())) {
      return -1;
    }
    int end = at + SOCIAL.length();
    if (text.regionMatches(true, end, " number", 0, 7)) {
      return end + 7;
    }
    if (text.regionMatches(true, end, " no", 0, 3)) {
      return end + 3 + (end + 3 < text.length() && text.charAt(end + 3) == '.' ? 1 : 0);
    }
    return text.regionMatches(true, end, " #", 0, 2) ? end + 2 : end;
  }

  /**
   * "10 100 20 3000 40": a row of numbers, where "100 20 3000" is no SSN (nor is "1-100-20-3000").
   */
  private static boolean inNumberRow(String text, int start, int end) {
    boolean numberBefore =
        start >= 2
            && Chars.isDigit(text.charAt(start - 2))
            && " -".indexOf(text.charAt(start - 1)) >= 0;
    boolean numberAfter =
        end + 1 < text.length()
            && Chars.isDigit(text.charAt(end + 1))
            && " -".indexOf(text.charAt(end)) >= 0;
    return numberBefore || numberAfter;
  }

  /** The SSA rules over the area (3 digits), group (2) and serial (4) starting at the offsets. */
  private static boolean validSsn(String text, int area, int group, int serial) {
    int a = number(text, area, 3);
    return a != 0
        && a != 666
        && a < 900
        && number(text, group, 2) != 0
        && number(text, serial, 4) != 0;
  }

  private static int number(String text, int at, int digits) {
    int value = 0;
    for (int i = at; i < at + digits; i++) {
      value = value * 10 + (text.charAt(i) - '0');
    }
    return value;
  }
}
