/**
 * The PostgreSQL ledger writer: group commit over the shared pool, each row's budget settled in its
 * own transaction through {@link dev.switchboard.ledger.SettleHook}. JDBC lives here.
 */
@NullMarked
package dev.switchboard.ledger.postgresql;

import org.jspecify.annotations.NullMarked;
