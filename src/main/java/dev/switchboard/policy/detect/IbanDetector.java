package dev.switchboard.policy.detect;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * IBANs, compact or in groups separated by single spaces: the country's registered length (SWIFT
 * IBAN registry) and the ISO 13616 mod-97 check must both hold.
 */
final class IbanDetector {
  private static final Pattern CANDIDATE =
      Pattern.compile("\\b[A-Z]{2}[0-9]{2}(?: ?[A-Z0-9]){11,30}");

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

  static void find(String text, List<Finding> out) {
    Matcher m = CANDIDATE.matcher(text);
    int from = 0;
    while (m.find(from)) {
      int end = ibanEnd(text, m.start(), m.end());
      if (end > 0) {
        out.add(new Finding(FindingType.IBAN, m.start(), end));
        from = end;
      } else {
        // The candidate may have swallowed the start of a real IBAN after it.
        from = m.start() + 1;
      }
    }
  }

  /**
   * Where the IBAN starting at {@code start} ends, taking exactly its country's length in
   * characters (so a following word is not swallowed), or -1 if it is not a valid IBAN.
   */
  private static int ibanEnd(String text, int start, int candidateEnd) {
    Integer length = LENGTHS.get(text.substring(start, start + 2));
    if (length == null) {
      return -1;
    }
    StringBuilder compact = new StringBuilder(length);
    int i = start;
    while (i < candidateEnd && compact.length() < length) {
      char c = text.charAt(i++);
      if (c != ' ') {
        compact.append(c);
      }
    }
    boolean boundary = i == text.length() || !Character.isLetterOrDigit(text.charAt(i));
    return compact.length() == length && boundary && Checksums.ibanMod97(compact) ? i : -1;
  }
}
