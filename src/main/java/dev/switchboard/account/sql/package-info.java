/**
 * The account stores in SQL over {@link dev.switchboard.storage.Database}: the same statements on
 * SQLite and PostgreSQL, branching on the dialect only for how a write transaction starts.
 */
@NullMarked
package dev.switchboard.account.sql;

import org.jspecify.annotations.NullMarked;
