/**
 * The ledger's SQL shared by both engines: the row and attempt mappings (the one list of each
 * table's columns) and the reader. JDBC lives here and in the engines' writer packages.
 */
@NullMarked
package dev.switchboard.ledger.sql;

import org.jspecify.annotations.NullMarked;
