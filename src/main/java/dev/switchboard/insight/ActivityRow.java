package dev.switchboard.insight;

import java.time.LocalDate;

/**
 * One UTC day of one model at one provider, as OpenRouter's activity lists it: the spend, requests
 * and tokens (reasoning tokens are part of the completion tokens).
 */
public record ActivityRow(
    LocalDate date,
    String model,
    String provider,
    long costMicros,
    long requests,
    long promptTokens,
    long completionTokens,
    long reasoningTokens) {}
