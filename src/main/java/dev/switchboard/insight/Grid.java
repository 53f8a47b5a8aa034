package dev.switchboard.insight;

/**
 * A country's electricity as the energy estimate prices it: the industrial price in USD per kWh and
 * the grid's carbon intensity in grams of CO2 (equivalent) per kWh.
 */
public record Grid(String country, double priceUsdPerKwh, double gramsCo2PerKwh) {
  public Grid {
    if (priceUsdPerKwh < 0 || gramsCo2PerKwh < 0) {
      throw new IllegalArgumentException("electricity price and intensity cannot be negative");
    }
  }
}
