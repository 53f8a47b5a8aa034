/**
 * The SQLite {@link dev.switchboard.account.IdempotencyStore}, sharing the database file (and its
 * migrations) of {@link dev.switchboard.ledger.sqlite.SqliteDatabase}. Keys moved to {@code
 * account.sql}, which runs on SQLite and PostgreSQL alike. One of the few places with JDBC.
 */
@NullMarked
package dev.switchboard.account.sqlite;

import org.jspecify.annotations.NullMarked;
