package dev.switchboard.policy.detect;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * IBANs, compact or in groups separated by single spaces, in any letter case: the country's
 * registered length (SWIFT IBAN registry) and the ISO 13616 mod-97 check must both hold.
 */
final class IbanDetector {
  private static final Map<String, Integer> LENGTHS = lengths();

  private IbanDetector() {}

  private static Map<String, Integer> lengths() {
    String table =
        "AD24 AE23 AL28 AT20 AZ28 BA20 BE16 BG22 BH22 BI27 BR29 BY28 CH21 CR22 CY28 CZ24 DE22 DJ27"
            + " DK18 DO28 EE20 EG29 ES24 FI18 FK18 FO18 FR27 GB22 GE22 GI23 GL18 GR27 GT28 HN28"
            + " HR21 HU28 IE22 IL23 IQ23 IS26 IT27 JO30 KW30 KZ20 LB28 LC32 LI21 LT20 LU20 LV21"
            + " LY25 MC27 MD24 ME22 MK19 MN20 MR27 MT31 MU30 NI28 NL18 NO15 OM23 PK24 PL28 PS29"
            + " PT25 QA29 RO24 RS22 RU33 SA24 SC31 SD18 SE24 SI19 SK24 SM27 SO23 ST25 SV28 TL23"
            + " TN24 TR26 UA29 VA22 VG24 XK20 YE30";
    Map<String, Integer> lengths = new HashMap<>();
    for (int i = 0; i < table.length(); i += 5) {
      lengths.put(table.substring(i, i + 2), Integer.parseInt(table.substring(i + 2, i + 4)));
    }
    return Map.copyOf(lengths);
  }

  /**
   * Every IBAN standing as a word: two letters and two digits, then letters and digits in any case,
   * optionally grouped by single spaces, scanned by hand in one pass (a candidate is at most 34
   * characters plus its spaces).
   */
  static void find(String text, List<Finding> out) {
    int i = 0;
    int last = text.length() - 4;
    while (i <= last) {
      if (!startsCandidate(text, i)) {
        i++;
        continue;
      }
      int end = ibanEnd(text, i);
      if (end > 0) {
        out.add(new Finding(FindingType.IBAN, i, end));
        i = end;
      } else {
        i++;
      }
    }
  }

  /** RE2 {@code \\b[A-Za-z]{2}[0-9]{2}} at {@code at}. */
  private static boolean startsCandidate(String text, int at) {
    return Chars.isAsciiLetter(text.charAt(at))
        && Chars.isAsciiLetter(text.charAt(at + 1))
        && Chars.isDigit(text.charAt(at + 2))
        && Chars.isDigit(text.charAt(at + 3))
        && !Chars.wordBefore(text, at);
  }

  /**
   * Where the IBAN starting at {@code start} ends, taking exactly its country's length in
   * characters (so a following word is not swallowed), or -1 if it is not a valid IBAN.
   */
  private static int ibanEnd(String text, int start) {
    Integer length = LENGTHS.get(text.substring(start, start + 2).toUpperCase(Locale.ROOT));
    if (length == null) {
      return -1;
    }
    StringBuilder compact = new StringBuilder(length);
    int i = start;
    while (compact.length() < length) {
      if (i < text.length() && Chars.isAsciiAlnum(text.charAt(i))) {
        compact.append(Character.toUpperCase(text.charAt(i++)));
      } else if (compact.length() >= 4
          && i + 1 < text.length()
          && text.charAt(i) == ' '
          && Chars.isAsciiAlnum(text.charAt(i + 1))) {
        i++; // a group separator
      } else {
        return -1;
      }
    }
    boolean boundary = i == text.length() || !Character.isLetterOrDigit(text.charAt(i));
    return boundary && Checksums.ibanMod97(compact) ? i : -1;
  }
}
