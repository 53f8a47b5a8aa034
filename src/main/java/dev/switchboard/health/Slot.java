package dev.switchboard.health;

import java.util.Arrays;

/**
 * One time slot of a {@link Window}: the health signals (OK, provider faults, rate limits) counted
 * in it and one histogram per {@link Measure}, all in one int array. Not thread-safe: its
 * deployment's lock guards it.
 */
final class Slot {
  static final int BINS = Measure.ALL.length * LogBins.COUNT;

  /** Which slot-length period since the tracker started this slot holds; MIN_VALUE: none yet. */
  long period = Long.MIN_VALUE;

  int attempts;
  int faults;
  int rateLimited;
  final int[] bins = new int[BINS];

  void reset(long newPeriod) {
    period = newPeriod;
    attempts = 0;
    faults = 0;
    rateLimited = 0;
    Arrays.fill(bins, 0);
  }

  /** Counts {@code value} of {@code measure}; a NaN (not measured) counts nowhere. */
  void add(Measure measure, double value) {
    if (!Double.isNaN(value)) {
      bins[measure.offset() + LogBins.index(value, measure.unit)]++;
    }
  }
}
