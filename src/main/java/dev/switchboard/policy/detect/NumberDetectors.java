package dev.switchboard.policy.detect;

import java.util.List;

/**
 * Payment cards (Luhn and issuer prefixes) and US social security numbers (SSA validity rules). The
 * RE2J patterns below decide what is card- or SSN-shaped and where it ends; a hand-written pass
 * only picks the places a match could start (a digit starting a word with enough digits after it,
 * an SSN keyword), and the checksums and validity rules run on what the pattern matched.
 */
final class NumberDetectors {
  /** 13 to 19 digits, each pair separated by at most one space or dash, as a word. */
  static final AnchoredPattern CARD = new AnchoredPattern("\\b(?:[0-9][ -]?){12,18}[0-9]\\b");

  /** AAA-GG-SSSS with dashes or spaces (that both are the same is checked after). */
  static final AnchoredPattern SSN = new AnchoredPattern("\\b[0-9]{3}[- ][0-9]{2}[- ][0-9]{4}\\b");

  /** A bare nine-digit number, counted only after an SSN keyword. */
  static final AnchoredPattern BARE_SSN = new AnchoredPattern("\\b[0-9]{9}\\b");

  /** What makes a bare nine-digit number after it an SSN. */
  static final AnchoredPattern SSN_KEYWORD =
      new AnchoredPattern("(?i)\\b(?:ssn|ss#|social security(?: number| no\\.?| #)?)");

  private static final int MIN_CARD = 13;

  /** The longest text {@link #CARD} takes: 19 digits and 18 separators. */
  private static final int MAX_CARD_CHARS = 37;

  /** The longest text {@link #SSN_KEYWORD} takes. */
  private static final int MAX_KEYWORD = 25;

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
   * What {@link #CARD} finds, anchored at each digit that starts a word and has 13 digits after it
   * in card shape (one pass picks those; text without long digit runs costs only that pass), kept
   * when the digits pass Luhn and belong to a known issuer range.
   */
  static void cards(String text, List<Finding> out) {
    int i = 0;
    while (i < text.length()) {
      boolean candidate =
          Chars.isDigit(text.charAt(i)) && !Chars.wordBefore(text, i) && cardShaped(text, i);
      int end = candidate ? CARD.end(text, i, i + MAX_CARD_CHARS + 1) : -1;
      if (end < 0) {
        i++;
        continue;
      }
      if (cardKept(text, i, end)) {
        out.add(new Finding(FindingType.CREDIT_CARD, i, end));
      }
      i = end;
    }
  }

  /** The checks after {@link #CARD}: the digits pass Luhn and fall in a known issuer's range. */
  static boolean cardKept(String text, int start, int end) {
    String digits = digitsOf(text, start, end);
    return Checksums.luhn(digits) && knownIssuer(digits);
  }

  /** The prefilter: {@value #MIN_CARD} digits from {@code start}, each pair one separator apart. */
  private static boolean cardShaped(String text, int start) {
    int count = 1;
    int at = start;
    while (count < MIN_CARD) {
      if (Chars.digitAt(text, at + 1)) {
        at++;
      } else if (at + 2 < text.length()
          && (text.charAt(at + 1) == ' ' || text.charAt(at + 1) == '-')
          && Chars.isDigit(text.charAt(at + 2))) {
        at += 2;
      } else {
        return false;
      }
      count++;
    }
    return true;
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
      int end = ssnShaped(text, i) ? SSN.end(text, i, i + SSN_LENGTH + 1) : -1;
      if (end < 0) {
        i++;
        continue;
      }
      if (ssnKept(text, i, end)) {
        out.add(new Finding(FindingType.US_SSN, i, end));
      }
      i = end;
    }
    bareSsns(text, out);
  }

  /**
   * The checks after {@link #SSN} matched {@code [start, end)}: the same separator twice, not in a
   * row of numbers, and the SSA rules.
   */
  static boolean ssnKept(String text, int start, int end) {
    return text.charAt(start + 3) == text.charAt(start + 6)
        && !inNumberRow(text, start, end)
        && validSsn(text, start, start + 4, start + 7);
  }

  /** The checks after {@link #BARE_SSN} matched at {@code start}: the SSA rules. */
  static boolean bareSsnKept(String text, int start) {
    return validSsn(text, start, start + 3, start + 5);
  }

  /** The prefilter for {@link #SSN}: three, two and four digits, dashes or spaces between. */
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

  /**
   * What {@link #BARE_SSN} finds at most {@value #KEYWORD_REACH} characters after the end of what
   * {@link #SSN_KEYWORD} finds (keywords and numbers never overlap, so one pass finds both).
   */
  private static void bareSsns(String text, List<Finding> out) {
    int keywordEnd = -1; // the end of the last keyword before i
    int i = 0;
    while (i < text.length()) {
      int keyword = mayStartKeyword(text, i) ? SSN_KEYWORD.end(text, i, i + MAX_KEYWORD + 1) : -1;
      if (keyword > 0) {
        keywordEnd = keyword;
        i = keyword;
        continue;
      }
      int bare =
          keywordEnd >= 0 && bareShaped(text, i) ? BARE_SSN.end(text, i, i + BARE_LENGTH + 1) : -1;
      if (bare > 0) {
        if (i - keywordEnd <= KEYWORD_REACH && bareSsnKept(text, i)) {
          out.add(new Finding(FindingType.US_SSN, i, bare));
        }
        i = bare;
        continue;
      }
      i++;
    }
  }

  /** The prefilter for {@link #BARE_SSN}: nine digits standing alone. */
  private static boolean bareShaped(String text, int i) {
    return i + BARE_LENGTH <= text.length()
        && !Chars.wordBefore(text, i)
        && digitsAt(text, i, BARE_LENGTH)
        && !Chars.wordAt(text, i + BARE_LENGTH);
  }

  /**
   * The prefilter for {@link #SSN_KEYWORD}: "ss" or "social security" in any case (Java's
   * case-insensitive comparison accepts every character RE2's {@code (?i)} folds to 's', the long s
   * included), where RE2's {@code \b} can hold before it.
   */
  private static boolean mayStartKeyword(String text, int at) {
    char c = text.charAt(at);
    // RE2's \b is ASCII: before 's' it needs no word character, before the long s one.
    boolean boundary = c == '\u017f' ? Chars.wordBefore(text, at) : !Chars.wordBefore(text, at);
    return (c == 's' || c == 'S' || c == '\u017f')
        && boundary
        && (text.regionMatches(true, at, "ss", 0, 2)
            || text.regionMatches(true, at, SOCIAL, 0, SOCIAL.length()));
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
