package dev.switchboard.gateway;

import dev.switchboard.catalog.Catalog;
import dev.switchboard.config.Logging;
import dev.switchboard.ledger.LedgerWriter;
import io.vertx.core.Vertx;

/**
 * What holds a request to its key and bills it: admission before any provider is called (rate
 * limits, budget reservation), settlement after (the ledger row, which charges the reservation).
 * One per event loop.
 */
public final class Accounting {
  private final Admission admission;
  private final Settlement settlement;

  private Accounting(Admission admission, Settlement settlement) {
    this.admission = admission;
    this.settlement = settlement;
  }

  /** Both halves over the shared limits and ledger, on {@code vertx}'s event loop. */
  public static Accounting of(
      Limits limits, LedgerWriter ledger, Catalog catalog, Logging logging, Vertx vertx) {
    return new Accounting(
        new Admission(limits, catalog, vertx),
        new Settlement(ledger, catalog, logging, limits, vertx));
  }

  Admission admission() {
    return admission;
  }

  Settlement settlement() {
    return settlement;
  }
}
