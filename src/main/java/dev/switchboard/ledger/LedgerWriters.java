package dev.switchboard.ledger;

import dev.switchboard.config.Config;
import dev.switchboard.ledger.postgresql.PostgresLedgerWriter;
import dev.switchboard.ledger.sql.BatchHook;
import dev.switchboard.ledger.sql.SqlLedgerReader;
import dev.switchboard.ledger.sqlite.SqliteLedgerWriter;
import dev.switchboard.storage.Database;
import dev.switchboard.storage.sqlite.SqliteDatabase;

/** The ledger writer and reader for a database of either engine. */
public final class LedgerWriters {
  private LedgerWriters() {}

  /**
   * Starts the writer for {@code database}: on PostgreSQL, {@code settle} runs in each reserved
   * row's transaction; on SQLite (one node, budgets in memory) it is not called: the caller settles
   * once the append's future completes.
   */
  public static LedgerWriter open(Database database, Config.Storage storage, SettleHook settle) {
    return open(database, storage, settle, BatchHook.NONE);
  }

  /**
   * As {@link #open(Database, Config.Storage, SettleHook)}; {@code rollups} runs in every batch's
   * transaction, on either engine.
   */
  public static LedgerWriter open(
      Database database, Config.Storage storage, SettleHook settle, BatchHook rollups) {
    return switch (database.dialect()) {
      case SQLITE -> {
        if (!(database instanceof SqliteDatabase sqlite)) {
          throw new IllegalArgumentException("an SQLite database that is not a SqliteDatabase");
        }
        yield SqliteLedgerWriter.open(sqlite, storage, rollups);
      }
      case POSTGRESQL -> PostgresLedgerWriter.open(database, storage, settle, rollups);
    };
  }

  /** The reader of {@code database}'s ledger (the same SQL for both engines). */
  public static LedgerReader reader(Database database) {
    return SqlLedgerReader.of(database);
  }
}
