package dev.switchboard.catalog;

/**
 * The constants of the energy estimate (catalog section {@code energy}): an accelerator's peak
 * dense throughput ({@code peakFlops}, FLOP/s) at its board power ({@code watts}), the fraction of
 * the peak inference sustains ({@code utilization}), the data centre's power usage effectiveness
 * ({@code pue}), and the active parameters assumed for a model that does not publish them.
 */
public record EnergyAssumptions(
    double peakFlops, double watts, double utilization, double pue, long defaultActiveParams) {
  public EnergyAssumptions {
    if (peakFlops <= 0 || watts <= 0 || utilization <= 0 || utilization > 1 || pue < 1) {
      throw new IllegalArgumentException(
          "energy: peak_flops and watts must be positive, utilization in (0, 1], pue at least 1");
    }
    if (defaultActiveParams <= 0) {
      throw new IllegalArgumentException("energy: default_active_params must be positive");
    }
  }

  /** Joules one floating-point operation costs at the wall: watts / (peak x utilization) x PUE. */
  public double joulesPerFlop() {
    return watts / (peakFlops * utilization) * pue;
  }
}
