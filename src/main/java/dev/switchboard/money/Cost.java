package dev.switchboard.money;

/**
 * Exact cost arithmetic. Token counts times prices are summed in pico-dollars and rounded up to the
 * micro-dollar once per request, so the ledger never bills less than the tokens used.
 */
public final class Cost {
  private static final long PICOS_PER_MICRO = 1_000_000L;

  private Cost() {}

  /** Rounds a pico-dollar total up to whole micro-dollars. */
  public static Money ofPicos(long picos) {
    return Money.ofMicros(Math.ceilDiv(picos, PICOS_PER_MICRO));
  }
}
