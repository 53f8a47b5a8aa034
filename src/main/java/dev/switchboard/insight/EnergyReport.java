package dev.switchboard.insight;

import java.util.List;

/**
 * Estimated electricity behind the tokens: the total energy, its cost and carbon, per provider
 * country and per model (largest first). Every figure is an estimate made by {@code formula}.
 */
public record EnergyReport(
    String formula,
    double wh,
    double costUsd,
    double co2Grams,
    List<CountryEnergy> countries,
    List<ModelEnergy> models) {
  public EnergyReport {
    countries = List.copyOf(countries);
    models = List.copyOf(models);
  }
}
