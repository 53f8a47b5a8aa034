/**
 * The account stores written once for both engines over {@link dev.switchboard.storage.Database}
 * (SQLite embedded, PostgreSQL shared by a cluster). One of the few places with JDBC.
 */
@NullMarked
package dev.switchboard.account.sql;

import org.jspecify.annotations.NullMarked;
