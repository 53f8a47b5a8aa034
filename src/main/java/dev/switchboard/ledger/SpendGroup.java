package dev.switchboard.ledger;

import java.util.Arrays;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * What spend is grouped by: the key, the model (served, else requested), the provider, the data
 * class, the app that sent the request, or the UTC day. The lower-case names ({@code data_class})
 * are stable API (the spend endpoint's {@code group_by}, its JSON field names).
 */
public enum SpendGroup {
  KEY,
  MODEL,
  PROVIDER,
  DATA_CLASS,
  APP,
  DAY;

  /**
   * The name on the wire: {@code key}, {@code model}, {@code provider}, {@code data_class}, {@code
   * app}, {@code day}.
   */
  public String wireName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /**
   * The group named {@code name}; {@code data-class} is read as {@code data_class}.
   *
   * @throws IllegalArgumentException naming the groups, for any other name
   */
  public static SpendGroup of(String name) {
    String wanted = name.strip().replace('-', '_');
    for (SpendGroup group : values()) {
      if (group.wireName().equalsIgnoreCase(wanted)) {
        return group;
      }
    }
    throw new IllegalArgumentException(
        "unknown grouping '"
            + (name.length() > 40 ? name.substring(0, 40) + "…" : name)
            + "' (one of "
            + Arrays.stream(values()).map(SpendGroup::wireName).collect(Collectors.joining(", "))
            + ")");
  }
}
