package dev.switchboard.insight;

import java.time.LocalDate;

/** Spend of one data class on one UTC day: requests, tokens and exact cost. */
public record ClassSpend(
    LocalDate day,
    String dataClass,
    long requests,
    long promptTokens,
    long completionTokens,
    long costMicros) {}
