/**
 * The database seam: {@link dev.switchboard.storage.Database} (SQLite embedded, PostgreSQL for a
 * cluster) and the one set of migrations both run.
 */
@NullMarked
package dev.switchboard.storage;

import org.jspecify.annotations.NullMarked;
