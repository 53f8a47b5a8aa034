package dev.switchboard.health;

import dev.switchboard.attempt.Attempt.Outcome;
import java.time.Duration;
import java.util.Arrays;

/**
 * A sliding window as a ring of time slots: the slot of the current period collects, and reading
 * sums the slots of the last {@code slots} periods, the current one included (so a window of 10 x
 * 30 s covers between 4.5 and 5 minutes). A slot is cleared when its turn comes again, so memory is
 * fixed. Not thread-safe: its deployment's lock guards it.
 */
final class Window {
  private static final double[] QUANTILES = {0.50, 0.75, 0.90, 0.99};
  private final Slot[] ring;
  private final long slotNanos;

  Window(int slots, Duration slotLength) {
    this.ring = new Slot[slots];
    for (int i = 0; i < slots; i++) {
      ring[i] = new Slot();
    }
    this.slotNanos = slotLength.toNanos();
  }

  /**
   * Counts one health signal at {@code nanos} (since the tracker started) with its measures, each
   * NaN when not measured.
   */
  void add(long nanos, Outcome outcome, double firstTokenMs, double latencyMs, double perSecond) {
    long period = Math.floorDiv(nanos, slotNanos);
    Slot slot = ring[(int) Math.floorMod(period, (long) ring.length)];
    if (slot.period != period) {
      slot.reset(period);
    }
    slot.attempts++;
    if (outcome == Outcome.PROVIDER_FAULT) {
      slot.faults++;
    } else if (outcome == Outcome.RATE_LIMITED) {
      slot.rateLimited++;
    }
    slot.add(Measure.FIRST_TOKEN_MS, firstTokenMs);
    slot.add(Measure.LATENCY_MS, latencyMs);
    slot.add(Measure.TOKENS_PER_SECOND, perSecond);
  }

  /** The window's statistics as of {@code nanos} since the tracker started. */
  WindowStats stats(long nanos) {
    long current = Math.floorDiv(nanos, slotNanos);
    long attempts = 0;
    long faults = 0;
    long rateLimited = 0;
    long[] bins = new long[Slot.BINS];
    double[] least = new double[Measure.ALL.length];
    double[] greatest = new double[Measure.ALL.length];
    Arrays.fill(least, Double.POSITIVE_INFINITY);
    Arrays.fill(greatest, Double.NEGATIVE_INFINITY);
    for (Slot slot : ring) {
      if (slot.period <= current && slot.period > current - ring.length) {
        attempts += slot.attempts;
        faults += slot.faults;
        rateLimited += slot.rateLimited;
        for (int i = 0; i < Slot.BINS; i++) {
          bins[i] += slot.bins[i];
        }
        for (int i = 0; i < least.length; i++) {
          least[i] = Math.min(least[i], slot.least[i]);
          greatest[i] = Math.max(greatest[i], slot.greatest[i]);
        }
      }
    }
    if (attempts == 0) {
      return WindowStats.EMPTY;
    }
    return new WindowStats(
        attempts,
        faults,
        rateLimited,
        (double) (attempts - faults) / attempts,
        percentiles(bins, least, greatest, Measure.FIRST_TOKEN_MS),
        percentiles(bins, least, greatest, Measure.LATENCY_MS),
        percentiles(bins, least, greatest, Measure.TOKENS_PER_SECOND));
  }

  /** The quantiles from the bins, kept within the least and greatest values seen. */
  private static Percentiles percentiles(
      long[] bins, double[] least, double[] greatest, Measure measure) {
    long total = 0;
    for (int i = 0; i < LogBins.COUNT; i++) {
      total += bins[measure.offset() + i];
    }
    if (total == 0) {
      return Percentiles.UNKNOWN;
    }
    double[] values = new double[QUANTILES.length];
    for (int i = 0; i < QUANTILES.length; i++) {
      double estimate = LogBins.quantile(bins, measure.offset(), total, QUANTILES[i], measure.unit);
      int m = measure.ordinal();
      values[i] = Math.min(greatest[m], Math.max(least[m], estimate));
    }
    return new Percentiles(values[0], values[1], values[2], values[3]);
  }
}
