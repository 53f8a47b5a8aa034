package dev.switchboard.policy;

import java.util.Locale;

/**
 * How sensitive a request's data is, in rising order: a request's class is the highest of its key's
 * default, its {@code X-Data-Class} header and what its findings map to. The lower-case names are
 * stable API (configuration, headers, the ledger, the spend API).
 */
public enum DataClass {
  PUBLIC,
  INTERNAL,
  CONFIDENTIAL,
  REGULATED;

  /** The name in configuration and on the wire: {@code public}, {@code internal}, ... */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** The higher of the two. */
  public DataClass max(DataClass other) {
    return compareTo(other) >= 0 ? this : other;
  }

  /**
   * The class named {@code name} (case-insensitive).
   *
   * @throws IllegalArgumentException naming the four classes, for any other name
   */
  public static DataClass of(String name) {
    for (DataClass c : values()) {
      if (c.wireName().equalsIgnoreCase(name.strip())) {
        return c;
      }
    }
    throw new IllegalArgumentException(
        "unknown data class '"
            + (name.length() > 40 ? name.substring(0, 40) + "…" : name)
            + "' (public, internal, confidential or regulated)");
  }
}
