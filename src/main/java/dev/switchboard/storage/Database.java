package dev.switchboard.storage;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * The storage seam: one migrated SQL database, embedded (SQLite) or shared by a cluster
 * (PostgreSQL). Stores take a Database, never a file or a URL, so the keys, the ledger and the
 * reservations share one schema and one set of migrations. Blocking (JDBC): call it from a virtual
 * thread or a worker, never an event loop.
 */
public interface Database extends AutoCloseable {
  /** A connection in auto-commit mode; the caller closes it and uses one thread at a time. */
  Connection connection() throws SQLException;

  /** Which SQL the stores speak to it. */
  Dialect dialect();

  /** Releases the database (idempotent). */
  @Override
  void close();
}
