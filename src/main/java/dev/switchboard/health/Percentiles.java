package dev.switchboard.health;

/** p50, p75, p90 and p99 of one measure; NaN each when nothing was measured. */
public record Percentiles(double p50, double p75, double p90, double p99) {
  public static final Percentiles UNKNOWN =
      new Percentiles(Double.NaN, Double.NaN, Double.NaN, Double.NaN);

  public boolean known() {
    return !Double.isNaN(p50);
  }
}
