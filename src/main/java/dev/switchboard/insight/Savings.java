package dev.switchboard.insight;

import java.util.List;
import java.util.OptionalDouble;

/**
 * What the requests cost against what the same tokens would have cost on {@code baseline} (a model
 * id) at its list prices; per model, most expensive at the baseline first.
 */
public record Savings(
    String baseline, long costMicros, long baselineCostMicros, List<ModelSavings> models) {
  public Savings {
    models = List.copyOf(models);
  }

  /** Baseline cost minus actual cost (negative when the requests cost more than the baseline). */
  public long savedMicros() {
    return Math.subtractExact(baselineCostMicros, costMicros);
  }

  /** Baseline cost over actual cost; empty when nothing was spent. */
  public OptionalDouble ratio() {
    return costMicros == 0
        ? OptionalDouble.empty()
        : OptionalDouble.of((double) baselineCostMicros / costMicros);
  }
}
