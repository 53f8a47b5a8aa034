package dev.switchboard.catalog;

/**
 * A country's electricity as the energy estimate prices it: {@code country} is an ISO 3166 alpha-2
 * code, or {@code WORLD} for the fallback used for every other country (and local providers); the
 * industrial price in USD per kWh; the grid's carbon intensity in grams of CO2 (equivalent) per
 * kWh.
 */
public record Electricity(String country, double priceUsdPerKwh, double gramsCo2PerKwh) {
  /** The fallback entry's name. */
  public static final String WORLD = "WORLD";
}
