/**
 * The SQLite ledger writer for the embedded deployment: group commit on one connection to the
 * shared {@link dev.switchboard.storage.sqlite.SqliteDatabase}, and the WAL syncer behind process
 * durability. One of the few places where JDBC is allowed; nothing here knows about HTTP or Vert.x.
 */
@NullMarked
package dev.switchboard.ledger.sqlite;

import org.jspecify.annotations.NullMarked;
