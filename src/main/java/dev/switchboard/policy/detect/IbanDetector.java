package dev.switchboard.policy.detect;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * IBANs, compact or in groups separated by single spaces, in any letter case: the country's
 * registered length (SWIFT IBAN registry) and the ISO 13616 mod-97 check must both hold. The RE2J
 * pattern {@link #IBAN} decides the shape and the span; a hand-written pass only picks the places
 * one could start (two letters of a registered country and two digits, starting a word).
 */
final class IbanDetector {
  /**
   * An IBAN of {@code %d} characters after its country code and check digits: a word start, two
   * letters, two digits, then letters and digits with single spaces between groups, and no letter
   * or digit right after (group 1 is the IBAN).
   */
  static final String IBAN = "\\b[A-Za-z]{2}[0-9]{2}(?: ?[A-Za-z0-9]){%d}(?:[^\\p{L}\\p{Nd}]|$)";

  private static final Map<String, Integer> LENGTHS = lengths();

  /** {@link #IBAN} compiled once for each registered length. */
  private static final Map<Integer, AnchoredPattern> BY_LENGTH = byLength();

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

  private static Map<Integer, AnchoredPattern> byLength() {
    Map<Integer, AnchoredPattern> patterns = new HashMap<>();
    for (int length : LENGTHS.values()) {
      patterns.computeIfAbsent(length, n -> new AnchoredPattern(pattern(n)));
    }
    return Map.copyOf(patterns);
  }

  /** {@link #IBAN} for a country whose IBANs have {@code length} characters. */
  static String pattern(int length) {
    return String.format(Locale.ROOT, IBAN, length - 4);
  }

  /** The registered IBAN length of each country code (upper case). */
  static Map<String, Integer> registeredLengths() {
    return LENGTHS;
  }

  /**
   * Every IBAN standing as a word: two letters and two digits, then letters and digits in any case,
   * optionally grouped by single spaces; at each candidate start {@link #IBAN} decides.
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

  /** The prefilter: two ASCII letters and two digits at {@code at}, starting a word. */
  private static boolean startsCandidate(String text, int at) {
    return Chars.isAsciiLetter(text.charAt(at))
        && Chars.isAsciiLetter(text.charAt(at + 1))
        && Chars.isDigit(text.charAt(at + 2))
        && Chars.isDigit(text.charAt(at + 3))
        && !Chars.wordBefore(text, at);
  }

  /**
   * The prefilter: {@code length} ASCII letters and digits from {@code start}, single spaces
   * between groups after the fourth, and no ASCII letter or digit right after (the pattern decides
   * on every other character after).
   */
  private static boolean shaped(String text, int start, int length) {
    int count = 0;
    int i = start;
    while (count < length) {
      if (i < text.length() && Chars.isAsciiAlnum(text.charAt(i))) {
        count++;
        i++;
      } else if (count >= 4
          && i + 1 < text.length()
          && text.charAt(i) == ' '
          && Chars.isAsciiAlnum(text.charAt(i + 1))) {
        i++;
      } else {
        return false;
      }
    }
    return !(i < text.length() && Chars.isAsciiAlnum(text.charAt(i)));
  }

  /**
   * Where the IBAN starting at {@code start} ends, as {@link #IBAN} for its country's length
   * matches it (so a following word is not swallowed), or -1 if it does not or the check fails.
   */
  private static int ibanEnd(String text, int start) {
    Integer length = LENGTHS.get(text.substring(start, start + 2).toUpperCase(Locale.ROOT));
    if (length == null || !shaped(text, start, length)) {
      return -1;
    }
    // The longest text the pattern reads: every character after the fourth behind a space, and
    // the character after.
    int limit = start + 4 + 2 * (length - 4) + 1;
    int matched = BY_LENGTH.get(length).end(text, start, limit);
    if (matched < 0) {
      return -1;
    }
    // The match ends with the IBAN's last letter or digit at the end of the text, or else with the
    // one character after it that the pattern read (never a letter or digit): drop that one.
    int end =
        Chars.isAsciiAlnum(text.charAt(matched - 1))
            ? matched
            : matched - Character.charCount(text.codePointBefore(matched));
    return ibanKept(text, start, end) ? end : -1;
  }

  /** The check after {@link #IBAN} matched {@code [start, end)}: ISO 13616 mod 97. */
  static boolean ibanKept(String text, int start, int end) {
    StringBuilder compact = new StringBuilder(end - start);
    for (int i = start; i < end; i++) {
      char c = text.charAt(i);
      if (c != ' ') {
        compact.append(Character.toUpperCase(c));
      }
    }
    return Checksums.ibanMod97(compact);
  }
}
