package dev.switchboard.insight;

/**
 * Estimated energy used for requests served from one country (the provider's), and its cost and
 * carbon at that country's industrial electricity price and grid intensity.
 */
public record CountryEnergy(
    String country,
    double wh,
    double costUsd,
    double co2Grams,
    double priceUsdPerKwh,
    double gridGramsPerKwh) {}
