package dev.switchboard.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Runs work in one transaction, the same way on both engines: on SQLite {@code BEGIN IMMEDIATE}
 * (the write lock is taken up front, waiting up to the busy timeout, so the transaction cannot fail
 * half-way on a lock upgrade); on PostgreSQL auto-commit off for the work's duration. Rolls back on
 * any exception and leaves the connection in auto-commit mode.
 */
public final class Transactions {
  private Transactions() {}

  /**
   * Runs {@code work} in one transaction on {@code connection}, a connection of {@code dialect}.
   */
  public static <T> T run(Connection connection, Dialect dialect, SqlWork<T> work)
      throws SQLException {
    return switch (dialect) {
      case SQLITE -> immediate(connection, work);
      case POSTGRESQL -> withoutAutoCommit(connection, work);
    };
  }

  /** Opens a connection of {@code database}, runs {@code work} in one transaction, closes it. */
  public static <T> T run(Database database, SqlWork<T> work) throws SQLException {
    try (Connection connection = database.connection()) {
      return run(connection, database.dialect(), work);
    }
  }

  private static <T> T immediate(Connection connection, SqlWork<T> work) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      try {
        T result = work.run(connection);
        statement.execute("COMMIT");
        return result;
      } catch (SQLException | RuntimeException e) {
        // SQLite rolls some failures back by itself (I/O, out of memory); then ROLLBACK fails
        // and is noted.
        try {
          statement.execute("ROLLBACK");
        } catch (SQLException rollback) {
          e.addSuppressed(rollback);
        }
        throw e;
      }
    }
  }

  private static <T> T withoutAutoCommit(Connection connection, SqlWork<T> work)
      throws SQLException {
    connection.setAutoCommit(false);
    try {
      T result = work.run(connection);
      connection.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        connection.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    } finally {
      restoreAutoCommit(connection);
    }
  }

  // A broken connection cannot be switched back; the pool discards it, so nothing is lost.
  private static void restoreAutoCommit(Connection connection) {
    try {
      connection.setAutoCommit(true);
    } catch (SQLException e) {
      // The connection is dead; closing it hands it back to the pool, which evicts it.
    }
  }
}
