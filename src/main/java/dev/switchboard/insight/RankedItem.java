package dev.switchboard.insight;

import java.util.OptionalDouble;

/**
 * One row of a ranking: a name (a model id, an author, an ISO country, an app, ...; empty for
 * requests without a value), its tokens in the period, its requests and cost, its share of all
 * tokens (0..1), its tokens in the previous period and the relative change ({@code (tokens -
 * previous) / previous}; empty when it had none before).
 */
public record RankedItem(
    String name,
    long tokens,
    long promptTokens,
    long completionTokens,
    long requests,
    long costMicros,
    double share,
    long previousTokens,
    OptionalDouble change) {}
