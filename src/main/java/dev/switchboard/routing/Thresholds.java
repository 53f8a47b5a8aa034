package dev.switchboard.routing;

import dev.switchboard.health.Percentiles;
import java.util.OptionalDouble;

/**
 * A soft preference on a measure's percentiles ({@code preferred_min_throughput} in tokens per
 * second, {@code preferred_max_latency} in seconds): a plain number is the p50. A deployment whose
 * measured percentile is on the wrong side of any set one misses; an unmeasured one cannot miss.
 */
public record Thresholds(
    OptionalDouble p50, OptionalDouble p75, OptionalDouble p90, OptionalDouble p99) {

  public static Thresholds p50(double value) {
    return new Thresholds(
        OptionalDouble.of(value),
        OptionalDouble.empty(),
        OptionalDouble.empty(),
        OptionalDouble.empty());
  }

  /** Whether every set percentile of {@code measured} is at least the threshold. */
  boolean atLeast(Percentiles measured) {
    return !below(p50, measured.p50())
        && !below(p75, measured.p75())
        && !below(p90, measured.p90())
        && !below(p99, measured.p99());
  }

  /**
   * Whether every set percentile of {@code measuredMs} (milliseconds) is at most the threshold in
   * seconds.
   */
  boolean atMostSeconds(Percentiles measuredMs) {
    return !above(p50, measuredMs.p50())
        && !above(p75, measuredMs.p75())
        && !above(p90, measuredMs.p90())
        && !above(p99, measuredMs.p99());
  }

  private static boolean below(OptionalDouble threshold, double measured) {
    return threshold.isPresent() && !Double.isNaN(measured) && measured < threshold.getAsDouble();
  }

  private static boolean above(OptionalDouble thresholdSeconds, double measuredMs) {
    return thresholdSeconds.isPresent()
        && !Double.isNaN(measuredMs)
        && measuredMs > thresholdSeconds.getAsDouble() * 1000;
  }
}
