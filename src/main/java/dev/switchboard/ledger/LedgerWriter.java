package dev.switchboard.ledger;

import java.util.concurrent.CompletableFuture;

/**
 * Group-commit writer: {@link #append} never blocks the caller (it may be an event loop) and its
 * future completes only once the row is committed durably, or exceptionally if it could not be.
 * Safe for concurrent use.
 */
public interface LedgerWriter extends AutoCloseable {
  CompletableFuture<Void> append(UsageRecord record);

  /** Stops accepting rows, commits everything already queued, then returns; idempotent. */
  @Override
  void close();
}
