package dev.switchboard.storage;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The storage seam: one migrated SQL database, embedded (SQLite) or shared by a cluster
 * (PostgreSQL). Stores take a Database, never a file or a URL, so the keys, the ledger and the
 * reservations share one schema and one set of migrations. Blocking (JDBC): call it from a virtual
 * thread or a worker, never an event loop.
 */
public interface Database extends AutoCloseable {
  /** A connection in auto-commit mode; the caller closes it and uses one thread at a time. */
  Connection connection() throws SQLException;

  /**
   * One trivial query, bounded by the connection's timeouts: whether the database answers now.
   * Throws {@link StorageException} saying why not.
   */
  default void ping() {
    try (Connection c = connection();
        Statement statement = c.createStatement()) {
      statement.execute("SELECT 1");
    } catch (SQLException e) {
      throw new StorageException("the database does not answer: " + e.getMessage(), e);
    }
  }

  /** Which SQL the stores speak to it. */
  Dialect dialect();

  /** Releases the database (idempotent). */
  @Override
  void close();
}
