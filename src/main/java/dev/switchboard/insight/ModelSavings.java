package dev.switchboard.insight;

/**
 * One served model's tokens, what they cost, and what the same tokens would have cost at the
 * baseline's list prices (cache reads and writes and reasoning tokens priced as the baseline prices
 * them).
 */
public record ModelSavings(
    String model,
    long promptTokens,
    long completionTokens,
    long costMicros,
    long baselineCostMicros) {}
