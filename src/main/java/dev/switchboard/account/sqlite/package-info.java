/**
 * The SQLite {@link dev.switchboard.account.KeyStore}, sharing the database file (and its
 * migrations) of {@link dev.switchboard.storage.sqlite.SqliteDatabase}, so the ledger writer can
 * charge key spend in the same transaction as the ledger row. One of the few places with JDBC.
 */
@NullMarked
package dev.switchboard.account.sqlite;

import org.jspecify.annotations.NullMarked;
