package dev.switchboard.account.sql;

import dev.switchboard.storage.Database;
import dev.switchboard.storage.Dialect;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/** Write transactions on either engine; rolls back on any exception. */
final class Transactions {
  private Transactions() {}

  /**
   * Runs {@code work} in one transaction on {@code c} (auto-commit, from {@code database}). SQLite
   * takes its write lock up front ({@code BEGIN IMMEDIATE}) so a read-then-write cannot fail
   * half-way on a lock upgrade; PostgreSQL relies on its constraints to reject a lost race.
   */
  static <T> T run(Database database, Connection c, Work<T> work) throws SQLException {
    return database.dialect() == Dialect.SQLITE ? immediate(c, work) : standard(c, work);
  }

  private static <T> T immediate(Connection c, Work<T> work) throws SQLException {
    try (Statement statement = c.createStatement()) {
      statement.execute("BEGIN IMMEDIATE");
      try {
        T result = work.run(c);
        statement.execute("COMMIT");
        return result;
      } catch (SQLException | RuntimeException e) {
        try {
          statement.execute("ROLLBACK");
        } catch (SQLException rollback) {
          e.addSuppressed(rollback); // SQLite rolls some failures back by itself
        }
        throw e;
      }
    }
  }

  private static <T> T standard(Connection c, Work<T> work) throws SQLException {
    c.setAutoCommit(false);
    try {
      T result = work.run(c);
      c.commit();
      return result;
    } catch (SQLException | RuntimeException e) {
      try {
        c.rollback();
      } catch (SQLException rollback) {
        e.addSuppressed(rollback);
      }
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** JDBC work inside a transaction. */
  @FunctionalInterface
  interface Work<T> {
    T run(Connection c) throws SQLException;
  }
}
