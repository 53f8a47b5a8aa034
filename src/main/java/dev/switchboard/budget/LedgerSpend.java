package dev.switchboard.budget;

import java.time.Instant;
import java.util.Optional;

/**
 * What the ledger says a key spent from {@code from} on (only in that session when one is given):
 * {@code LedgerReader::spentMicros}. Blocking; budgets call it off the event loop, once per window
 * they start counting.
 */
@FunctionalInterface
public interface LedgerSpend {
  long spentMicros(String keyId, Instant from, Optional<String> sessionId);

  /** The ledger sum a window counts from. */
  default long spentIn(BudgetWindow window) {
    return spentMicros(window.keyId(), window.start(), window.sessionId());
  }
}
