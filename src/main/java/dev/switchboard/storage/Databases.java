package dev.switchboard.storage;

import dev.switchboard.config.Config;
import dev.switchboard.storage.postgresql.PostgresDatabase;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;

/** Opens the database the configuration names: PostgreSQL when set (cluster mode), else SQLite. */
public final class Databases {
  private Databases() {}

  /**
   * Opens and migrates {@code storage}'s database: its PostgreSQL URL when present, with every call
   * bounded by {@link PostgresDatabase#FAST}; else the SQLite file at its path (created if needed).
   * Throws {@link StorageException} when it cannot.
   */
  public static Database open(Config.Storage storage) {
    return open(storage, PostgresDatabase.FAST);
  }

  /**
   * As {@link #open(Config.Storage)}, bounding PostgreSQL calls by {@code timeout} instead: reports
   * read more than the request path may wait for.
   */
  public static Database open(Config.Storage storage, Duration timeout) {
    return storage.postgresqlUrl().isPresent()
        ? PostgresDatabase.open(storage.postgresqlUrl().get(), timeout)
        : SqliteDatabase.open(storage.sqlitePath());
  }

  /**
   * Whether {@code database} answers a trivial query now (within its call timeout on PostgreSQL):
   * for a readiness probe. Blocking: call it off the event loop.
   */
  public static boolean ready(Database database) {
    try (Connection c = database.connection();
        Statement s = c.createStatement()) {
      s.execute("SELECT 1");
      return true;
    } catch (SQLException e) {
      return false;
    }
  }

  /** Where {@code storage} points, for messages: never a password. */
  public static String describe(Config.Storage storage) {
    return storage
        .postgresqlUrl()
        .map(url -> "PostgreSQL " + url.replaceAll("//([^:/@]*):[^@/]*@", "//$1:***@"))
        .orElse("SQLite " + storage.sqlitePath());
  }
}
