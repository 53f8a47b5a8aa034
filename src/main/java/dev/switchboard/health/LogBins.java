package dev.switchboard.health;

/**
 * A fixed log-scale histogram layout: bin 0 holds values below one unit, then three bins per octave
 * (each {@code 2^(1/3)}, about 26%, wider than the last) up to about 52,000 units; larger values
 * count in the top bin. A percentile read back lies within about 13% of the true one (geometric
 * interpolation inside a bin), which is what routing by latency needs, in 48 ints.
 */
final class LogBins {
  static final int COUNT = 48;
  private static final double STEP = Math.cbrt(2);
  private static final double STEP_SQUARED = STEP * STEP;

  private LogBins() {}

  /** The bin of {@code value} measured in {@code unit}s; NaN and negatives go to bin 0. */
  static int index(double value, double unit) {
    double x = value / unit;
    if (!(x >= 1)) {
      return 0;
    }
    int octave = Math.getExponent(x);
    if (octave >= COUNT / 3) {
      return COUNT - 1;
    }
    double mantissa = x / Math.scalb(1.0, octave);
    int third = mantissa < STEP ? 0 : mantissa < STEP_SQUARED ? 1 : 2;
    return Math.min(1 + 3 * octave + third, COUNT - 1);
  }

  /**
   * The value at quantile {@code q} of {@code total} values counted in {@code bins} (starting at
   * {@code offset}): the bin holding that rank, interpolated by the rank's place in the bin.
   */
  static double quantile(long[] bins, int offset, long total, double q, double unit) {
    double rank = Math.max(1, Math.ceil(q * total));
    long before = 0;
    for (int i = 0; i < COUNT; i++) {
      long count = bins[offset + i];
      if (count > 0 && before + count >= rank) {
        double within = (rank - before - 0.5) / count;
        return i == 0 ? unit * within : unit * Math.pow(2, (i - 1) / 3.0) * Math.pow(STEP, within);
      }
      before += count;
    }
    return Double.NaN;
  }
}
