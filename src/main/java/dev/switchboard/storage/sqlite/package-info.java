/**
 * The embedded database: one SQLite file in WAL mode ({@link
 * dev.switchboard.storage.sqlite.SqliteDatabase}), migrated on open. JDBC lives here.
 */
@NullMarked
package dev.switchboard.storage.sqlite;

import org.jspecify.annotations.NullMarked;
