package dev.switchboard.storage.sqlite;

import dev.switchboard.storage.Database;
import dev.switchboard.storage.Dialect;
import dev.switchboard.storage.Migrations;
import dev.switchboard.storage.SqlWork;
import dev.switchboard.storage.StorageException;
import dev.switchboard.storage.Transactions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.concurrent.atomic.AtomicBoolean;
import org.sqlite.SQLiteConfig;
import org.sqlite.SQLiteDataSource;

/**
 * One SQLite database file in WAL mode, migrated to the current schema on open. It hands out
 * configured connections (WAL, synchronous=FULL so a commit survives kill -9 and power loss,
 * busy_timeout 5 s, foreign keys on); several processes may open the same file at once. The ledger
 * writer sets its own connection's synchronous mode from the configured durability.
 */
public final class SqliteDatabase implements Database {
  private static final int BUSY_TIMEOUT_MS = 5_000;

  private final Path file;
  private final SQLiteDataSource dataSource;
  // Held open for the database's lifetime so the WAL index is not torn down between operations.
  private final Connection keeper;
  private final AtomicBoolean closed = new AtomicBoolean();

  private SqliteDatabase(Path file, SQLiteDataSource dataSource, Connection keeper) {
    this.file = file;
    this.dataSource = dataSource;
    this.keeper = keeper;
  }

  /** Opens (creating if needed, with parent directories) and migrates the database file. */
  public static SqliteDatabase open(Path file) {
    Path absolute = file.toAbsolutePath();
    try {
      Path parent = absolute.getParent();
      if (parent != null) {
        Files.createDirectories(parent);
      }
    } catch (IOException e) {
      throw new StorageException("cannot create the directory of " + absolute, e);
    }
    SQLiteDataSource dataSource = new SQLiteDataSource(config());
    dataSource.setUrl("jdbc:sqlite:" + absolute);
    try {
      Connection keeper = dataSource.getConnection();
      try {
        Migrations.apply(keeper, Dialect.SQLITE);
      } catch (SQLException | RuntimeException e) {
        keeper.close();
        throw e;
      }
      return new SqliteDatabase(absolute, dataSource, keeper);
    } catch (SQLException e) {
      throw new StorageException("cannot open the database " + absolute, e);
    }
  }

  private static SQLiteConfig config() {
    SQLiteConfig config = new SQLiteConfig();
    config.setJournalMode(SQLiteConfig.JournalMode.WAL);
    config.setSynchronous(SQLiteConfig.SynchronousMode.FULL);
    config.setBusyTimeout(BUSY_TIMEOUT_MS);
    config.enforceForeignKeys(true);
    return config;
  }

  /** The database file (absolute). */
  public Path file() {
    return file;
  }

  /** Use {@link #immediate} for multi-statement writes. */
  @Override
  public Connection connection() throws SQLException {
    if (closed.get()) {
      throw new SQLException("the database " + file + " is closed");
    }
    return dataSource.getConnection();
  }

  /**
   * Runs work in one {@code BEGIN IMMEDIATE} transaction: the write lock is taken up front (waiting
   * up to the busy timeout) so the transaction cannot fail half-way on a lock upgrade. Rolls back
   * on any exception. {@link Transactions#run} is the same for either engine.
   */
  public static <T> T immediate(Connection connection, SqlWork<T> work) throws SQLException {
    return Transactions.run(connection, Dialect.SQLITE, work);
  }

  @Override
  public Dialect dialect() {
    return Dialect.SQLITE;
  }

  /** Checkpoints the WAL into the main file (best effort) and releases the database. Idempotent. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    try (keeper;
        Statement statement = keeper.createStatement()) {
      // PASSIVE never waits: TRUNCATE would stall close() for the busy timeout while another
      // process writes. The last connection to close checkpoints fully anyway.
      statement.execute("PRAGMA wal_checkpoint(PASSIVE)");
    } catch (SQLException e) {
      throw new StorageException("cannot close the database " + file, e);
    }
  }
}
