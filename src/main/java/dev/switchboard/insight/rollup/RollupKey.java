package dev.switchboard.insight.rollup;

import java.util.Comparator;

/**
 * Which rollup row a request adds to: the dimension's stored name, the start of its hour (epoch
 * milliseconds, UTC), its key (or {@link #ALL_KEYS}) and its name in that dimension ({@code ""} for
 * none). Ordered, so a batch always writes its rows in the same order and two writers never
 * deadlock each other.
 */
public record RollupKey(String dimension, long hourStart, String keyId, String name)
    implements Comparable<RollupKey> {
  /** The key id of the rollup rows that sum every key's requests. */
  public static final String ALL_KEYS = "*";

  private static final Comparator<RollupKey> ORDER =
      Comparator.comparing(RollupKey::dimension)
          .thenComparing(RollupKey::keyId)
          .thenComparingLong(RollupKey::hourStart)
          .thenComparing(RollupKey::name);

  @Override
  public int compareTo(RollupKey other) {
    return ORDER.compare(this, other);
  }
}
