package dev.switchboard.health;

import java.util.Arrays;

/**
 * One time slot of a {@link Window}: the health signals (OK, provider faults, rate limits) counted
 * in it and one histogram per {@link Measure}, all in one int array, with each measure's extremes.
 * Not thread-safe: its deployment's lock guards it.
 */
final class Slot {
  static final int BINS = Measure.ALL.length * LogBins.COUNT;

  /** Which slot-length period since the tracker started this slot holds; MIN_VALUE: none yet. */
  long period;

  int attempts;
  int faults;
  int rateLimited;
  final int[] bins = new int[BINS];

  /** Per measure the least and the greatest value seen, which bound its percentiles. */
  final double[] least = new double[Measure.ALL.length];

  final double[] greatest = new double[Measure.ALL.length];

  Slot() {
    reset(Long.MIN_VALUE);
  }

  void reset(long newPeriod) {
    period = newPeriod;
    attempts = 0;
    faults = 0;
    rateLimited = 0;
    Arrays.fill(bins, 0);
    Arrays.fill(least, Double.POSITIVE_INFINITY);
    Arrays.fill(greatest, Double.NEGATIVE_INFINITY);
  }

  /** Counts {@code value} of {@code measure}; a NaN (not measured) counts nowhere. */
  void add(Measure measure, double value) {
    if (!Double.isNaN(value)) {
      bins[measure.offset() + LogBins.index(value, measure.unit)]++;
      int i = measure.ordinal();
      least[i] = Math.min(least[i], value);
      greatest[i] = Math.max(greatest[i], value);
    }
  }
}
