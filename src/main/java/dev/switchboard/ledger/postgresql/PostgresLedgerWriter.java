package dev.switchboard.ledger.postgresql;

import dev.switchboard.attempt.Attempt;
import dev.switchboard.config.Config;
import dev.switchboard.ledger.LedgerWriter;
import dev.switchboard.ledger.SettleHook;
import dev.switchboard.ledger.StorageException;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.sql.AttemptRows;
import dev.switchboard.ledger.sql.Uninterruptibly;
import dev.switchboard.storage.Database;
import dev.switchboard.storage.Dialect;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.LinkedTransferQueue;
import java.util.concurrent.atomic.AtomicBoolean;

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
  static final int MAX_BATCH = 1_000;

  private final BatchCommit commits;
  private final LinkedTransferQueue<Queued> queue = new LinkedTransferQueue<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  private final Thread thread;

  private PostgresLedgerWriter(BatchCommit commits) {
    this.commits = commits;
    this.thread = Thread.ofPlatform().name("ledger-writer").daemon(true).unstarted(this::run);
  }

  /**
   * Starts a writer over {@code database} (PostgreSQL). {@code storage}'s durability applies to
   * SQLite only: a PostgreSQL commit is as durable as the server makes it. {@code settle} runs in
   * each reserved row's transaction ({@link SettleHook#NONE} without budgets).
   */
  public static PostgresLedgerWriter open(
      Database database, Config.Storage storage, SettleHook settle) {
    if (database.dialect() != Dialect.POSTGRESQL) {
      throw new IllegalArgumentException(
          "the PostgreSQL ledger writer needs a PostgreSQL database, not " + database.dialect());
    }
    PostgresLedgerWriter writer = new PostgresLedgerWriter(new BatchCommit(database, settle));
    writer.thread.start();
    return writer;
  }

  @Override
  public CompletableFuture<Void> append(UsageRecord record, List<Attempt> attempts) {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (closed.get()) {
      return failClosed(done);
    }
    try {
      AttemptRows.check(record, attempts);
    } catch (IllegalArgumentException e) {
      done.completeExceptionally(e);
      return done;
    }
    Pending pending = new Pending(record, List.copyOf(attempts), done);
    queue.offer(pending);
    // close() may have raced past the check above and the writer drained for the last time;
    // whoever removes the row from the queue answers it, so it is never left pending.
    if (closed.get() && queue.remove(pending)) {
      return failClosed(done);
    }
    return done;
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
    if (closed.compareAndSet(false, true)) {
      queue.offer(Wake.WAKE);
    }
    if (Thread.currentThread() != thread) {
      Uninterruptibly.join(thread);
    }
  }

  private void run() {
    List<Queued> drained = new ArrayList<>(MAX_BATCH);
    while (true) {
      Queued first = closed.get() ? queue.poll() : takeUninterruptibly();
      if (first == null) {
        return; // closed and drained
      }
      drained.add(first);
      queue.drainTo(drained, MAX_BATCH - 1);
      List<Pending> batch =
          drained.stream().filter(Pending.class::isInstance).map(Pending.class::cast).toList();
      if (!batch.isEmpty()) {
        commits.write(batch);
      }
      drained.clear();
    }
  }

  private Queued takeUninterruptibly() {
    while (true) {
      try {
        return queue.take();
      } catch (InterruptedException e) {
        // The writer stops only through close(), which drains the queue first.
      }
    }
  }

  private static CompletableFuture<Void> failClosed(CompletableFuture<Void> done) {
    done.completeExceptionally(new IllegalStateException("the ledger writer is closed"));
    return done;
  }

  sealed interface Queued permits Pending, Wake {}

  record Pending(UsageRecord record, List<Attempt> attempts, CompletableFuture<Void> done)
      implements Queued {}

  /** Queued by close() to wake a writer blocked on an empty queue. */
  enum Wake implements Queued {
    WAKE
  }
}
