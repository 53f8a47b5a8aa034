/**
 * The cluster database: PostgreSQL through a HikariCP pool whose every call is bounded by a short
 * timeout ({@link dev.switchboard.storage.postgresql.PostgresDatabase}), migrated on open from the
 * same scripts as SQLite. JDBC lives here.
 */
@NullMarked
package dev.switchboard.storage.postgresql;

import org.jspecify.annotations.NullMarked;
