/**
 * Budgets shared by a cluster through PostgreSQL: window counters and reservation records in the V8
 * tables, reservations renewed by a heartbeat while their node lives, an orphan sweeper on every
 * node, and the settle hook that charges a ledger row in the row's own transaction.
 */
@NullMarked
package dev.switchboard.budget.sql;

import org.jspecify.annotations.NullMarked;
