package dev.switchboard.policy.detect;

/** The arithmetic that separates real identifiers from look-alikes. */
final class Checksums {
  private Checksums() {}

  /** Luhn (mod 10) over the digits of {@code digits}. */
  static boolean luhn(CharSequence digits) {
    int sum = 0;
    boolean doubled = false;
    for (int i = digits.length() - 1; i >= 0; i--) {
      int d = digits.charAt(i) - '0';
      if (doubled) {
        d *= 2;
        if (d > 9) {
          d -= 9;
        }
      }
      sum += d;
      doubled = !doubled;
    }
    return sum % 10 == 0;
  }

  /**
   * ISO 13616 check: the first four characters moved to the end, letters as 10..35, mod 97 == 1.
   */
  static boolean ibanMod97(CharSequence iban) {
    int n = iban.length();
    int remainder = 0;
    for (int k = 0; k < n; k++) {
      char c = iban.charAt((k + 4) % n);
      if (c >= '0' && c <= '9') {
        remainder = (remainder * 10 + (c - '0')) % 97;
      } else if (c >= 'A' && c <= 'Z') {
        remainder = (remainder * 100 + (c - 'A' + 10)) % 97;
      } else {
        return false;
      }
    }
    return remainder == 1;
  }

  /** Shannon entropy in bits per character. */
  static double entropy(CharSequence text) {
    java.util.Map<Character, Integer> counts = new java.util.HashMap<>();
    for (int i = 0; i < text.length(); i++) {
      counts.merge(text.charAt(i), 1, Integer::sum);
    }
    double bits = 0;
    double n = text.length();
    for (int count : counts.values()) {
      double p = count / n;
      bits -= p * (Math.log(p) / Math.log(2));
    }
    return bits;
  }
}
