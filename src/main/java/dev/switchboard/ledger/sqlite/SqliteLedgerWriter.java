package dev.switchboard.ledger.sqlite;

import dev.switchboard.attempt.Attempt;
import dev.switchboard.config.Config;
import dev.switchboard.config.Config.Storage.Durability;
import dev.switchboard.ledger.LedgerWriter;
import dev.switchboard.ledger.StorageException;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.sql.AttemptRows;
import dev.switchboard.ledger.sql.BatchHook;
import dev.switchboard.ledger.sql.GroupCommit;
import dev.switchboard.ledger.sql.GroupCommit.Pending;
import dev.switchboard.ledger.sql.UsageRows;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.io.IOException;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLong;
import org.jspecify.annotations.Nullable;
import org.sqlite.SQLiteErrorCode;

/**
 * The group-commit ledger writer: one daemon thread ("ledger-writer") owns one connection and
 * commits everything queued (up to {@value #MAX_BATCH} rows) in one transaction, with each row's
 * attempts, adding each row's cost to its key's {@code spent_micros} in the same transaction.
 * Futures complete on the writer thread, after the commit; callers on an event loop should hop back
 * to their own context before doing real work.
 *
 * <p>What a completed future promises depends on the {@link Durability}: with {@code PROCESS} the
 * commit is in the WAL file ({@code synchronous=NORMAL}), so it survives the gateway process dying,
 * and a {@link WalSyncer} fsyncs it within the sync window; with {@code MACHINE} the commit was
 * fsync'd ({@code synchronous=FULL}) before the future completed.
 */
public final class SqliteLedgerWriter implements LedgerWriter {
  private static final CompletableFuture<Void> DURABLE = CompletableFuture.completedFuture(null);

  private final Connection connection;
  private final WriterStatements statements;
  // Lock-free and unbounded, so append never parks an event-loop thread.
  private final AtomicLong batchesCommitted = new AtomicLong();
  private final AtomicLong rowsCommitted;
  // Null with MACHINE durability: every commit is fsync'd by SQLite itself.
  private final @Nullable WalSyncer syncer;
  private final DeferredHook rollups;
  // Null with MACHINE durability, whose responses wait for the fsync'd commit.
  private final @Nullable RowJournal journal;
  private final GroupCommit queue;

  private SqliteLedgerWriter(
      Connection connection,
      WriterStatements statements,
      AtomicLong rowsCommitted,
      @Nullable WalSyncer syncer,
      @Nullable RowJournal journal,
      BatchHook rollups) {
    this.rollups = new DeferredHook(rollups);
    this.journal = journal;
    this.connection = connection;
    this.statements = statements;
    this.rowsCommitted = rowsCommitted;
    this.syncer = syncer;
    // Last: this starts the writer thread, which uses the fields above.
    this.queue =
        new GroupCommit(
            new GroupCommit.Batches() {
              @Override
              public void commit(List<Pending> batch) throws SQLException {
                SqliteLedgerWriter.this.commit(batch);
              }

              @Override
              public boolean causedByARow(Exception failure) {
                return SqliteLedgerWriter.causedByARow(failure);
              }

              @Override
              public void finish() {
                SqliteLedgerWriter.this.finish();
              }

              @Override
              public void between(boolean now) {
                SqliteLedgerWriter.this.rollups.runIfDue(connection, statements, now);
              }
            },
            // With the journal, a batch gathers rows before its commit (see GroupCommit).
            syncer == null ? Duration.ZERO : syncer.gathering());
  }

  /** Starts a writer with its own connection and the default durability (process, 50 ms). */
  public static SqliteLedgerWriter open(SqliteDatabase database) {
    return open(database, new Config.Storage(database.file()));
  }

  /**
   * Starts a writer with its own connection to the database, as durable as {@code storage} says
   * (its path is the database's, already open).
   */
  public static SqliteLedgerWriter open(SqliteDatabase database, Config.Storage storage) {
    return open(database, storage, BatchHook.NONE);
  }

  /**
   * As {@link #open(SqliteDatabase, Config.Storage)}; {@code rollups} runs on the committed rows
   * about once a second, in a transaction of its own ({@link DeferredHook}), first on the rows a
   * crash left without it.
   */
  public static SqliteLedgerWriter open(
      SqliteDatabase database, Config.Storage storage, BatchHook rollups) {
    boolean machine = storage.durability() == Durability.MACHINE;
    Connection connection = null;
    try {
      connection = database.connection();
      try (Statement statement = connection.createStatement()) {
        statement.execute("PRAGMA synchronous = " + (machine ? "FULL" : "NORMAL"));
      }
      DeferredHook.catchUp(connection, rollups);
      WriterStatements statements = WriterStatements.prepare(connection);
      AtomicLong rowsCommitted = new AtomicLong();
      RowJournal journal =
          machine ? null : RowJournal.open(database.file(), RowJournal.DEFAULT_SEGMENT_BYTES);
      WalSyncer syncer =
          machine ? null : WalSyncer.start(walFile(database), storage.syncWindow(), rowsCommitted);
      SqliteLedgerWriter writer =
          new SqliteLedgerWriter(connection, statements, rowsCommitted, syncer, journal, rollups);
      if (journal != null) {
        recover(writer, journal, database);
      }
      return writer;
    } catch (SQLException | IOException e) {
      closeQuietly(connection, e);
      throw new StorageException("cannot open the ledger writer on " + database.file(), e);
    }
  }

  // Before the writer is handed out, so the rows of the last run come before any new one.
  private static void recover(
      SqliteLedgerWriter writer, RowJournal journal, SqliteDatabase database) throws SQLException {
    try {
      JournalRecovery.commit(journal, database, writer.queue);
    } catch (SQLException | RuntimeException e) {
      writer.close();
      throw e;
    }
  }

  private static Path walFile(SqliteDatabase database) {
    return database.file().resolveSibling(database.file().getFileName() + "-wal");
  }

  private static void closeQuietly(@Nullable Connection connection, Exception cause) {
    if (connection != null) {
      try {
        connection.close();
      } catch (SQLException e) {
        cause.addSuppressed(e);
      }
    }
  }

  @Override
  public CompletableFuture<Void> append(UsageRecord record, List<Attempt> attempts) {
    return queue.append(record, attempts);
  }

  /**
   * With process durability the row is copied into the {@link RowJournal} first, which makes it
   * durable at once; it is committed as any other. When the journal is full (the writer is far
   * behind), the row is durable once committed, as with {@link #append}.
   */
  @Override
  public Written write(UsageRecord record, List<Attempt> attempts) {
    RowJournal kept = journal;
    if (kept == null) {
      return LedgerWriter.super.write(record, attempts);
    }
    try {
      AttemptRows.check(record, attempts);
    } catch (IllegalArgumentException e) {
      return LedgerWriter.super.write(record, attempts); // refused as append refuses it
    }
    int segment = kept.write(new JournalEntry(record, attempts).encode());
    CompletableFuture<Void> committed = queue.append(record, attempts, segment >= 0);
    if (segment < 0) {
      return new Written(committed, committed);
    }
    committed.whenComplete(
        (done, failure) -> {
          // A row that can never commit (its id is taken) is done with too; one the database
          // could not take now stays journaled, and the next start commits it.
          if (failure == null || causedByARow(rootCause(failure))) {
            kept.committed(segment);
          }
        });
    return new Written(DURABLE, committed);
  }

  static Exception rootCause(Throwable failure) {
    Throwable cause = failure;
    while (cause.getCause() != null && !(cause instanceof SQLException)) {
      cause = cause.getCause();
    }
    return cause instanceof Exception e ? e : new RuntimeException(cause);
  }

  /** Transactions committed so far (one per batch, or one per row when a batch was retried). */
  public long batchesCommitted() {
    return batchesCommitted.get();
  }

  public long rowsCommitted() {
    return rowsCommitted.get();
  }

  /**
   * Of {@link #rowsCommitted()}, how many are known fsync'd (they survive a power loss): all of
   * them with machine durability; with process durability, those committed before the WAL's last
   * sync, which trails the commits by at most the sync window while rows are written.
   */
  public long rowsDurable() {
    return syncer == null ? rowsCommitted.get() : syncer.durableThrough();
  }

  /** How often the WAL was fsync'd for process durability (0 with machine durability). */
  public long walSyncs() {
    return syncer == null ? 0 : syncer.syncs();
  }

  @Override
  public CompletableFuture<Void> caughtUp() {
    return queue.caughtUp();
  }

  @Override
  public CompletableFuture<Void> flushed() {
    return journal == null ? LedgerWriter.super.flushed() : queue.flushed();
  }

  @Override
  public void close() {
    queue.close();
  }

  /** After the last batch, on the writer thread. */
  private void finish() {
    try (connection;
        statements) {
      // Both close here, after the last commit.
    } catch (SQLException e) {
      // Closing the connection failed after every row was answered; nothing is lost.
    } finally {
      if (syncer != null) {
        syncer.close(); // after the last commit: syncs it
      }
      closeJournal();
    }
  }

  // Every row is committed: the next start has nothing to recover. A row journaled after the close
  // (the writer refused it) is kept for that start, which commits it.
  private void closeJournal() {
    if (journal != null) {
      try (journal) {
        journal.resetIfAllCommitted();
      } catch (IOException e) {
        // Unmapped at exit anyway; the next start finds the rows committed and skips them.
      }
    }
  }

  // A lock timeout or I/O error would only repeat once per row (5 s each when busy), so only a
  // constraint violation or bad data is worth a row-by-row retry.
  static boolean causedByARow(Exception e) {
    return e instanceof RuntimeException
        || e instanceof SQLException sql
            && sql.getErrorCode() == SQLiteErrorCode.SQLITE_CONSTRAINT.code;
  }

  private void commit(List<Pending> batch) throws SQLException {
    statements.begin.execute();
    try {
      insert(batch);
      insertAttempts(batch);
      charge(batch);
      statements.commit.execute();
    } catch (SQLException | RuntimeException e) {
      rollback(e);
      throw e;
    }
    batchesCommitted.incrementAndGet();
    rowsCommitted.addAndGet(batch.size());
    rollups.committed(batch.stream().map(Pending::record).toList());
    if (syncer != null) {
      syncer.committed();
    }
    for (Pending pending : batch) {
      pending.done().complete(null);
    }
  }

  // SQLite rolls some failures back by itself (I/O, out of memory); then ROLLBACK fails and is
  // noted. A batch left half-added would be sent with the next transaction's rows.
  private void rollback(Exception cause) {
    for (PreparedStatement statement :
        List.of(statements.insertRow, statements.insertAttempt, statements.charge)) {
      try {
        statement.clearBatch();
      } catch (SQLException e) {
        cause.addSuppressed(e);
      }
    }
    try {
      statements.rollback.execute();
    } catch (SQLException e) {
      cause.addSuppressed(e);
    }
  }

  private void insert(List<Pending> batch) throws SQLException {
    PreparedStatement insert = statements.insertRow;
    for (Pending pending : batch) {
      UsageRows.bind(insert, pending.record());
      insert.addBatch();
    }
    insert.executeBatch();
  }

  // After the rows, which the attempts reference.
  private void insertAttempts(List<Pending> batch) throws SQLException {
    PreparedStatement insert = statements.insertAttempt;
    int count = 0;
    for (Pending pending : batch) {
      for (Attempt attempt : pending.attempts()) {
        AttemptRows.bind(insert, attempt);
        insert.addBatch();
        count++;
      }
    }
    if (count > 0) {
      insert.executeBatch();
    }
  }

  // Summing per key first keeps it to one UPDATE per key per batch; the total equals the row sum.
  private void charge(List<Pending> batch) throws SQLException {
    Map<String, Long> costByKey = new LinkedHashMap<>();
    for (Pending pending : batch) {
      costByKey.merge(pending.record().keyId(), pending.record().costMicros(), Math::addExact);
    }
    PreparedStatement update = statements.charge;
    int count = 0;
    for (Map.Entry<String, Long> entry : costByKey.entrySet()) {
      if (entry.getValue() != 0) {
        update.setLong(1, entry.getValue());
        update.setString(2, entry.getKey());
        update.addBatch();
        count++;
      }
    }
    if (count > 0) {
      update.executeBatch();
    }
  }
}
