/**
 * SQLite storage for the embedded deployment: the shared {@link
 * dev.switchboard.storage.sqlite.SqliteDatabase} (one WAL file, versioned migrations), the
 * group-commit ledger writer and the ledger reader. One of the few places where JDBC is allowed;
 * nothing here knows about HTTP or Vert.x.
 */
@NullMarked
package dev.switchboard.ledger.sqlite;

import org.jspecify.annotations.NullMarked;
