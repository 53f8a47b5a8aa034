package dev.switchboard.policy.detect;

import java.util.List;
import java.util.Objects;

/**
 * What a finding is. The names are stable API (policy files, the scan endpoint and the ledger use
 * them): {@code EMAIL}, {@code PHONE}, {@code CREDIT_CARD}, {@code IBAN}, {@code US_SSN}, {@code
 * IP_ADDRESS}, {@code SECRET}, and {@code CUSTOM:<name>} for a configured detector.
 */
public final class FindingType {
  public static final FindingType SECRET = new FindingType("SECRET", 7);
  public static final FindingType IBAN = new FindingType("IBAN", 6);
  public static final FindingType CREDIT_CARD = new FindingType("CREDIT_CARD", 5);
  public static final FindingType US_SSN = new FindingType("US_SSN", 4);
  public static final FindingType EMAIL = new FindingType("EMAIL", 3);
  public static final FindingType IP_ADDRESS = new FindingType("IP_ADDRESS", 2);
  public static final FindingType PHONE = new FindingType("PHONE", 1);

  private static final String CUSTOM_PREFIX = "CUSTOM:";
  private static final int CUSTOM_RANK = 0;

  private final String name;
  private final int specificity;

  private FindingType(String name, int specificity) {
    this.name = name;
    this.specificity = specificity;
  }

  /** The type of the configured detector {@code name} (letters, digits, '_' and '-'). */
  public static FindingType custom(String name) {
    if (name.isEmpty() || !name.chars().allMatch(FindingType::isNameChar)) {
      throw new IllegalArgumentException(
          "custom detector name must be letters, digits, '_' or '-': '" + name + "'");
    }
    return new FindingType(CUSTOM_PREFIX + name, CUSTOM_RANK);
  }

  /** The type named {@code name} as {@link #name()} spells it; unknown names are refused. */
  public static FindingType of(String name) {
    for (FindingType type : List.of(SECRET, CREDIT_CARD, IBAN, US_SSN, EMAIL, IP_ADDRESS, PHONE)) {
      if (type.name.equals(name)) {
        return type;
      }
    }
    if (name.startsWith(CUSTOM_PREFIX)) {
      return custom(name.substring(CUSTOM_PREFIX.length()));
    }
    throw new IllegalArgumentException(
        "unknown finding type '"
            + name
            + "' (EMAIL, PHONE, CREDIT_CARD, IBAN, US_SSN, IP_ADDRESS, SECRET or CUSTOM:<name>)");
  }

  private static boolean isNameChar(int c) {
    return c < 128 && (Character.isLetterOrDigit(c) || c == '_' || c == '-');
  }

  /** The stable name, e.g. {@code EMAIL} or {@code CUSTOM:project_codename}. */
  public String name() {
    return name;
  }

  public boolean isCustom() {
    return specificity == CUSTOM_RANK;
  }

  /**
   * Higher wins where two built-in findings overlap: a card number is not also a phone number, a
   * token is not also an email, and a card-shaped run inside an IBAN is the IBAN's. Custom findings
   * never displace others, nor are displaced.
   */
  int specificity() {
    return specificity;
  }

  @Override
  public boolean equals(Object other) {
    return other instanceof FindingType type && type.name.equals(name);
  }

  @Override
  public int hashCode() {
    return Objects.hash(name);
  }

  @Override
  public String toString() {
    return name;
  }
}
