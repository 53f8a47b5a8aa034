package dev.switchboard.budget;

import java.util.Arrays;

/**
 * The last {@value #SIZE} output token counts of one model and their 95th percentile (nearest
 * rank), recomputed on each of the first {@value #SIZE} observations and then every {@value
 * #RECOMPUTE_EVERY}, so a read is a field load.
 */
final class RecentOutputs {
  static final int SIZE = 256;
  static final int RECOMPUTE_EVERY = 16;
  private static final int PERCENTILE = 95;

  private final long[] ring = new long[SIZE];
  private int count;
  private int next;
  private volatile long percentile = -1;

  synchronized void add(long tokens) {
    ring[next] = tokens;
    next = (next + 1) % SIZE;
    if (count < SIZE) {
      count++;
    }
    if (count < SIZE || next % RECOMPUTE_EVERY == 0) {
      long[] sorted = Arrays.copyOf(ring, count);
      Arrays.sort(sorted);
      int index = (count * PERCENTILE + 99) / 100 - 1; // nearest rank
      percentile = sorted[Math.max(0, index)];
    }
  }

  /** The percentile, or {@code fallback} before the first observation. */
  long highPercentile(long fallback) {
    long p = percentile;
    return p < 0 ? fallback : p;
  }
}
