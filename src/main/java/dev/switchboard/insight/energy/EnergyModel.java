package dev.switchboard.insight.energy;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.catalog.Electricity;
import dev.switchboard.catalog.EnergyAssumptions;
import dev.switchboard.catalog.Model;
import dev.switchboard.insight.Grid;
import dev.switchboard.ledger.UsageRecord;
import java.util.HashMap;
import java.util.Map;
import java.util.OptionalLong;

/**
 * Estimates the energy of one request: each token the model computes costs about 2 x its active
 * parameters floating-point operations; prompt tokens read from a cache are not computed again, so
 * they count nothing. Energy (J) = computed tokens x 2 x active parameters x watts / (peak FLOP/s x
 * utilization) x PUE. A model that does not publish its active parameters is assumed to have {@link
 * EnergyAssumptions#defaultActiveParams()}. An estimate, not a measurement.
 */
public final class EnergyModel {
  /** The formula in words, as the energy report and the README state it. */
  public static final String FORMULA =
      "Wh = (prompt_tokens - cached_tokens + completion_tokens) x 2 x active_params"
          + " x watts / (peak_flops x utilization) x PUE / 3600;"
          + " cost = kWh x the provider country's industrial price;"
          + " co2 = kWh x its grid intensity";

  private static final double JOULES_PER_UWH = 3600.0 / 1_000_000.0;

  private final Catalog catalog;
  private final EnergyAssumptions constants;

  public EnergyModel(Catalog catalog) {
    this.catalog = catalog;
    this.constants = catalog.energy();
  }

  /** The active parameters the estimate uses for {@code modelId}. */
  public long activeParams(String modelId) {
    OptionalLong active =
        catalog.model(modelId).map(Model::activeParams).orElse(OptionalLong.empty());
    return active.orElse(constants.defaultActiveParams());
  }

  /** The estimated energy of one ledger row, in microwatt-hours (0 for a request not served). */
  public long microWattHours(UsageRecord row) {
    if (row.servedModel().isEmpty()) {
      return 0;
    }
    long computed = Math.max(0, row.promptTokens() - row.cachedTokens()) + row.completionTokens();
    double flops = computed * 2.0 * activeParams(row.servedModel().get());
    return Math.round(flops * constants.joulesPerFlop() / JOULES_PER_UWH);
  }

  /** Prices the estimate at the catalog's electricity table. */
  public EnergyPricing pricing() {
    Map<String, Grid> grids = new HashMap<>();
    Grid world = new Grid(Electricity.WORLD, 0.12, 470);
    for (Electricity e : catalog.electricity()) {
      Grid grid = new Grid(e.country(), e.priceUsdPerKwh(), e.gramsCo2PerKwh());
      if (e.country().equals(Electricity.WORLD)) {
        world = grid;
      } else {
        grids.put(e.country(), grid);
      }
    }
    return new EnergyPricing(grids, world, FORMULA);
  }
}
