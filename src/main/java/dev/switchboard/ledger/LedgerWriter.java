package dev.switchboard.ledger;

import dev.switchboard.attempt.Attempt;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Group-commit writer: {@link #append} never blocks the caller (it may be an event loop) and its
 * future completes only once the row is committed durably, or exceptionally if it could not be.
 * Durably means at least that the row survives a crash of this process (kill -9, OOM); whether it
 * was also fsync'd, or will be within a window, is the implementation's configured durability. Safe
 * for concurrent use.
 */
public interface LedgerWriter extends AutoCloseable {
  /** As {@link #append(UsageRecord, List)} with no attempt recorded. */
  default CompletableFuture<Void> append(UsageRecord record) {
    return append(record, List.of());
  }

  /**
   * The request's row and the attempts it made, in order, committed together (one transaction):
   * {@code GET /api/v1/generation} shows them.
   */
  CompletableFuture<Void> append(UsageRecord record, List<Attempt> attempts);

  /**
   * As {@link #append(UsageRecord, List)}, for a caller that may answer its client as soon as the
   * row is durable, before it is committed: a writer that keeps rows somewhere crash-proof first
   * completes {@code durable} at once; by default both futures are the commit.
   */
  default Written write(UsageRecord record, List<Attempt> attempts) {
    CompletableFuture<Void> committed = append(record, attempts);
    return new Written(committed, committed);
  }

  /**
   * A row's two moments: {@code durable}, once it survives a crash of this process (the client may
   * see the end then), and {@code committed}, once it is in the ledger's tables (readers see it,
   * the key's spend includes it).
   */
  record Written(CompletableFuture<Void> durable, CompletableFuture<Void> committed) {}

  /**
   * Completes once what the writer derives from its rows after their commit (the insight rollups,
   * which the SQLite writer adds up about once a second) covers every row committed before the
   * call; at once for a writer that derives nothing later.
   */
  default CompletableFuture<Void> caughtUp() {
    return CompletableFuture.completedFuture(null);
  }

  /**
   * Completes once every row whose {@link #write} was durable before the call is committed (or
   * failed): what a reader of the ledger waits for to see every answered request. At once for a
   * writer whose rows are durable only once committed.
   */
  default CompletableFuture<Void> flushed() {
    return CompletableFuture.completedFuture(null);
  }

  /** Stops accepting rows, commits everything already queued, then returns; idempotent. */
  @Override
  void close();
}
