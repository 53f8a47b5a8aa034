package dev.switchboard.insight.energy;

import dev.switchboard.insight.CountryEnergy;
import dev.switchboard.insight.EnergyReport;
import dev.switchboard.insight.Grid;
import dev.switchboard.insight.ModelEnergy;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Prices estimated energy: each provider country's energy at its {@link Grid} (industrial price,
 * carbon intensity); a country without one (a local provider, a country missing from the table) at
 * the fallback grid.
 */
public final class EnergyPricing {
  private static final double UWH_PER_WH = 1_000_000.0;
  private static final double WH_PER_KWH = 1_000.0;

  private final Map<String, Grid> grids;
  private final Grid fallback;
  private final String formula;

  /**
   * {@code grids} by ISO country; {@code fallback} for any other; {@code formula} the estimate's
   * formula in words, shown with every report.
   */
  public EnergyPricing(Map<String, Grid> grids, Grid fallback, String formula) {
    this.grids = Map.copyOf(grids);
    this.fallback = fallback;
    this.formula = formula;
  }

  /** The grid energy served from {@code country} is priced at. */
  public Grid grid(String country) {
    return Optional.ofNullable(grids.get(country)).orElse(fallback);
  }

  public String formula() {
    return formula;
  }

  /**
   * The report over energy sums in microwatt-hours, by provider country and by model, largest
   * first.
   */
  public EnergyReport report(Map<String, Long> uwhByCountry, Map<String, Long> uwhByModel) {
    List<CountryEnergy> countries = new ArrayList<>();
    double wh = 0;
    double cost = 0;
    double co2 = 0;
    for (Map.Entry<String, Long> entry : uwhByCountry.entrySet()) {
      Grid grid = grid(entry.getKey());
      double countryWh = entry.getValue() / UWH_PER_WH;
      double kwh = countryWh / WH_PER_KWH;
      CountryEnergy row =
          new CountryEnergy(
              entry.getKey(),
              countryWh,
              kwh * grid.priceUsdPerKwh(),
              kwh * grid.gramsCo2PerKwh(),
              grid.priceUsdPerKwh(),
              grid.gramsCo2PerKwh());
      countries.add(row);
      wh += row.wh();
      cost += row.costUsd();
      co2 += row.co2Grams();
    }
    countries.sort(
        Comparator.comparingDouble(CountryEnergy::wh)
            .reversed()
            .thenComparing(CountryEnergy::country));
    List<ModelEnergy> models = new ArrayList<>();
    uwhByModel.forEach((model, uwh) -> models.add(new ModelEnergy(model, uwh / UWH_PER_WH)));
    models.sort(
        Comparator.comparingDouble(ModelEnergy::wh).reversed().thenComparing(ModelEnergy::model));
    return new EnergyReport(formula, wh, cost, co2, countries, models);
  }
}
