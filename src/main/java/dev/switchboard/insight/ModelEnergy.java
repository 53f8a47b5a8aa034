package dev.switchboard.insight;

/** Estimated energy used for one served model's requests, in watt-hours. */
public record ModelEnergy(String model, double wh) {}
