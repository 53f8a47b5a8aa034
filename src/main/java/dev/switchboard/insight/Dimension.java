package dev.switchboard.insight;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What rollups and rankings group requests by. The lower-case names ({@code provider_country}) are
 * stable: they are stored in the rollups and are the API's {@code by} values. Author, origin (the
 * model author's ISO country) and provider country come from the catalog; a deployment is {@code
 * model@provider}.
 */
public enum Dimension {
  KEY,
  MODEL,
  AUTHOR,
  ORIGIN,
  PROVIDER,
  PROVIDER_COUNTRY,
  DATA_CLASS,
  APP,
  CATEGORY,
  DEPLOYMENT;

  // Once: the ledger writer asks for it for every row and dimension.
  private final String wireName = name().toLowerCase(Locale.ROOT);

  /** The stored and wire name: {@code model}, {@code provider_country}, ... */
  public String wireName() {
    return wireName;
  }

  /**
   * The dimension named {@code name}; {@code data-class} is read as {@code data_class}.
   *
   * @throws IllegalArgumentException naming the dimensions, for any other name
   */
  public static Dimension of(String name) {
    String wanted = name.strip().replace('-', '_');
    for (Dimension dimension : values()) {
      if (dimension.wireName().equalsIgnoreCase(wanted)) {
        return dimension;
      }
    }
    throw new IllegalArgumentException(
        "unknown dimension '"
            + (name.length() > 40 ? name.substring(0, 40) + "…" : name)
            + "' (one of "
            + Arrays.stream(values()).map(Dimension::wireName).collect(Collectors.joining(", "))
            + ")");
  }
}
