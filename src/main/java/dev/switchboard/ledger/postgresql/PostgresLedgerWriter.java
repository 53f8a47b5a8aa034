package dev.switchboard.ledger.postgresql;

import dev.switchboard.attempt.Attempt;
import dev.switchboard.config.Config;
import dev.switchboard.ledger.LedgerWriter;
import dev.switchboard.ledger.SettleHook;
import dev.switchboard.ledger.StorageException;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.sql.BatchHook;
import dev.switchboard.ledger.sql.GroupCommit;
import dev.switchboard.storage.Database;
import dev.switchboard.storage.Dialect;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * The group-commit ledger writer for a cluster: one daemon thread ("ledger-writer") commits
 * everything queued (up to {@value #MAX_BATCH} rows) in one PostgreSQL transaction on a pooled
 * connection: the rows, their attempts, each key's {@code spent_micros}, and the {@link SettleHook}
 * for every row that carries a reservation, so a row's cost is charged exactly once, with the row.
 * A future completes on the writer thread once its row is committed (as durable as the server's
 * {@code synchronous_commit}, on by default: fsync'd), or exceptionally with {@link
 * StorageException}. When PostgreSQL is unreachable each batch fails within the pool's timeout and
 * the writer goes on with the next, so it recovers by itself when the server is back.
 */
public final class PostgresLedgerWriter implements LedgerWriter {
  private final BatchCommit commits;
  private final GroupCommit queue;

  private PostgresLedgerWriter(BatchCommit commits) {
    this.commits = commits;
    this.queue = new GroupCommit(commits);
  }

  /**
   * Starts a writer over {@code database} (PostgreSQL). {@code storage}'s durability applies to
   * SQLite only: a PostgreSQL commit is as durable as the server makes it. {@code settle} runs in
   * each reserved row's transaction ({@link SettleHook#NONE} without budgets).
   */
  public static PostgresLedgerWriter open(
      Database database, Config.Storage storage, SettleHook settle) {
    return open(database, storage, settle, BatchHook.NONE);
  }

  /**
   * As {@link #open(Database, Config.Storage, SettleHook)}; {@code rollups} runs in every batch.
   */
  public static PostgresLedgerWriter open(
      Database database, Config.Storage storage, SettleHook settle, BatchHook rollups) {
    if (database.dialect() != Dialect.POSTGRESQL) {
      throw new IllegalArgumentException(
          "the PostgreSQL ledger writer needs a PostgreSQL database, not " + database.dialect());
    }
    return new PostgresLedgerWriter(new BatchCommit(database, settle, rollups));
  }

  @Override
  public CompletableFuture<Void> append(UsageRecord record, List<Attempt> attempts) {
    return queue.append(record, attempts);
  }

  /** Transactions committed so far. */
  public long batchesCommitted() {
    return commits.batches.get();
  }

  /** Rows committed so far. */
  public long rowsCommitted() {
    return commits.rows.get();
  }

  @Override
  public void close() {
    queue.close();
  }
}
