package dev.switchboard.ledger;

import java.util.Optional;

/**
 * Spend of one group: its value (a key id, a model, a provider, a data class or a UTC date such as
 * {@code 2026-12-05}; empty for rows without one, such as the provider of a request that reached
 * none), the requests in it, their tokens and their exact cost in micro-dollars.
 */
public record SpendRow(
    Optional<String> group,
    long requests,
    long promptTokens,
    long completionTokens,
    long costMicros) {

  public long totalTokens() {
    return Math.addExact(promptTokens, completionTokens);
  }
}
