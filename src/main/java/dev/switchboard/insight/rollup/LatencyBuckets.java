package dev.switchboard.insight.rollup;

import java.util.List;

/**
 * Latency histogram buckets a rollup counts requests in ({@code latency_b0..latency_b15}): bucket i
 * holds latencies up to {@link #UPPER_MS}[i] milliseconds (the last, anything longer). Counts add
 * across hours and keys, so a percentile over any range is read from the summed buckets: it is the
 * upper bound of the bucket the percentile falls in (an over-estimate by at most one bucket).
 */
public final class LatencyBuckets {
  /** Inclusive upper bounds in milliseconds; the last bucket is open-ended. */
  public static final List<Long> UPPER_MS =
      List.of(
          50L,
          100L,
          200L,
          300L,
          500L,
          750L,
          1_000L,
          1_500L,
          2_000L,
          3_000L,
          5_000L,
          7_500L,
          10_000L,
          20_000L,
          40_000L,
          Long.MAX_VALUE);

  public static final int COUNT = UPPER_MS.size();

  private LatencyBuckets() {}

  /** The bucket a latency falls in. */
  public static int of(long latencyMs) {
    for (int i = 0; i < COUNT - 1; i++) {
      if (latencyMs <= UPPER_MS.get(i)) {
        return i;
      }
    }
    return COUNT - 1;
  }

  /**
   * The latency at quantile {@code q} (0 &lt; q &lt;= 1) of the counted requests: the upper bound
   * of its bucket ({@code -1} for the open last bucket); 0 when none were counted.
   */
  public static long percentile(long[] counts, double q) {
    long total = 0;
    for (long count : counts) {
      total += count;
    }
    if (total == 0) {
      return 0;
    }
    long rank = (long) Math.ceil(q * total);
    long seen = 0;
    for (int i = 0; i < counts.length; i++) {
      seen += counts[i];
      if (seen >= rank) {
        return i == COUNT - 1 ? -1 : UPPER_MS.get(i);
      }
    }
    return -1;
  }
}
