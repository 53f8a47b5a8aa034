package dev.switchboard.policy.redact;

import dev.switchboard.policy.detect.FindingType;
import java.util.Locale;
import java.util.Set;

/**
 * The placeholder grammar: {@code <TYPE_n>}, TYPE being the finding type's name in upper case with
 * {@code CUSTOM:} as {@code CUSTOM_} and '-' as '_' (so only A-Z, 0-9 and '_' occur between the
 * angle brackets).
 */
final class Placeholders {
  private static final String CUSTOM = "CUSTOM:";

  private Placeholders() {}

  /** {@code EMAIL}, or {@code CUSTOM_EMPLOYEE_ID} for {@code CUSTOM:employee-id}. */
  static String prefix(FindingType type) {
    String name = type.name();
    if (name.startsWith(CUSTOM)) {
      name = "CUSTOM_" + name.substring(CUSTOM.length());
    }
    return name.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  static String of(String prefix, int n) {
    return "<" + prefix + "_" + n + ">";
  }

  static boolean isNameChar(char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  }

  /**
   * Adds every token of the placeholder shape ({@code <} name characters {@code >}) in {@code text}
   * to {@code out}: numbers a client already wrote are never given to a finding.
   */
  static void collectLiterals(String text, Set<String> out) {
    int from = text.indexOf('<');
    while (from >= 0) {
      int i = from + 1;
      while (i < text.length() && isNameChar(text.charAt(i))) {
        i++;
      }
      if (i > from + 1 && i < text.length() && text.charAt(i) == '>') {
        out.add(text.substring(from, i + 1));
      }
      from = text.indexOf('<', from + 1);
    }
  }
}
