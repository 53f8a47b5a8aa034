package dev.switchboard.insight.rollup;

import java.util.Comparator;

/**
 * Which rollup row a request adds to: the dimension's stored name, the start of its hour (epoch
 * milliseconds, UTC), its key and its name in that dimension ({@code ""} for none). Ordered, so a
 * batch always writes its rows in the same order and two writers never deadlock each other.
 */
public record RollupKey(String dimension, long hourStart, String keyId, String name)
    implements Comparable<RollupKey> {
  private static final Comparator<RollupKey> ORDER =
      Comparator.comparing(RollupKey::dimension)
          .thenComparingLong(RollupKey::hourStart)
          .thenComparing(RollupKey::keyId)
          .thenComparing(RollupKey::name);

  @Override
  public int compareTo(RollupKey other) {
    return ORDER.compare(this, other);
  }
}
