package dev.switchboard.ledger;

import java.time.Instant;
import java.util.Optional;

/**
 * Which spend to sum: rows grouped by {@code groupBy}, made in {@code [from, to)} (either end open
 * when empty) and, when {@code keyId} is present, made with that key only.
 */
public record SpendQuery(
    SpendGroup groupBy, Optional<Instant> from, Optional<Instant> to, Optional<String> keyId) {
  public SpendQuery {
    if (from.isPresent() && to.isPresent() && to.get().isBefore(from.get())) {
      throw new IllegalArgumentException(
          "a range cannot end (" + to.get() + ") before it starts (" + from.get() + ")");
    }
  }

  /** All rows of all keys, of all time. */
  public static SpendQuery of(SpendGroup groupBy) {
    return new SpendQuery(groupBy, Optional.empty(), Optional.empty(), Optional.empty());
  }

  /** The same query over {@code [from, to)}. */
  public SpendQuery between(Optional<Instant> from, Optional<Instant> to) {
    return new SpendQuery(groupBy, from, to, keyId);
  }

  /** The same query restricted to the rows of one key. */
  public SpendQuery ofKey(String keyId) {
    return new SpendQuery(groupBy, from, to, Optional.of(keyId));
  }
}
