package dev.switchboard.policy.detect;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.ArrayList;
import java.util.List;

/** Payment cards (Luhn and issuer prefixes) and US social security numbers (SSA validity rules). */
final class NumberDetectors {
  /** 13 to 19 digits, each optionally followed by one space or dash, not inside a longer number. */
  private static final Pattern CARD = Pattern.compile("\\b(?:[0-9][ -]?){12,18}[0-9]\\b");

  /** AAA-GG-SSSS with dashes or spaces (the same one twice, checked below). */
  private static final Pattern SSN =
      Pattern.compile("\\b([0-9]{3})([- ])([0-9]{2})([- ])([0-9]{4})\\b");

  /** A bare nine-digit number, counted only after an SSN keyword. */
  private static final Pattern BARE_SSN = Pattern.compile("\\b([0-9]{3})([0-9]{2})([0-9]{4})\\b");

  private static final Pattern SSN_KEYWORD =
      Pattern.compile("(?i)\\b(?:ssn|ss#|social security(?: number| no\\.?| #)?)");

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

  static void cards(String text, List<Finding> out) {
    Matcher m = CARD.matcher(text);
    while (m.find()) {
      String digits = digitsOf(text, m.start(), m.end());
      if (knownIssuer(digits) && Checksums.luhn(digits)) {
        out.add(new Finding(FindingType.CREDIT_CARD, m.start(), m.end()));
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
    for (Issuer issuer : ISSUERS) {
      int prefix = Integer.parseInt(digits.substring(0, issuer.digits()));
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
    Matcher m = SSN.matcher(text);
    while (m.find()) {
      if (m.group(2).equals(m.group(4))
          && !inNumberRow(text, m.start(), m.end())
          && validSsn(m.group(1), m.group(3), m.group(5))) {
        out.add(new Finding(FindingType.US_SSN, m.start(), m.end()));
      }
    }
    List<Integer> keywordEnds = new ArrayList<>();
    Matcher keyword = SSN_KEYWORD.matcher(text);
    while (keyword.find()) {
      keywordEnds.add(keyword.end());
    }
    Matcher bare = BARE_SSN.matcher(text);
    int next = 0; // the first keyword ending after the current number's start
    while (!keywordEnds.isEmpty() && bare.find()) {
      while (next < keywordEnds.size() && keywordEnds.get(next) <= bare.start()) {
        next++;
      }
      if (next > 0
          && bare.start() - keywordEnds.get(next - 1) <= KEYWORD_REACH
          && validSsn(bare.group(1), bare.group(2), bare.group(3))) {
        out.add(new Finding(FindingType.US_SSN, bare.start(), bare.end()));
      }
    }
  }

  /**
   * "10 100 20 3000 40": a row of numbers, where "100 20 3000" is no SSN (nor is "1-100-20-3000").
   */
  private static boolean inNumberRow(String text, int start, int end) {
    boolean numberBefore =
        start >= 2 && isDigit(text.charAt(start - 2)) && " -".indexOf(text.charAt(start - 1)) >= 0;
    boolean numberAfter =
        end + 1 < text.length()
            && isDigit(text.charAt(end + 1))
            && " -".indexOf(text.charAt(end)) >= 0;
    return numberBefore || numberAfter;
  }

  private static boolean isDigit(char c) {
    return c >= '0' && c <= '9';
  }

  private static boolean validSsn(String area, String group, String serial) {
    int a = Integer.parseInt(area);
    return a != 0
        && a != 666
        && a < 900
        && Integer.parseInt(group) != 0
        && Integer.parseInt(serial) != 0;
  }
}
