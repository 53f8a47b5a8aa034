/**
 * The usage ledger: one {@link dev.switchboard.ledger.UsageRecord} per client request, a
 * group-commit {@link dev.switchboard.ledger.LedgerWriter} that acknowledges a row only once it is
 * durable, and a {@link dev.switchboard.ledger.LedgerReader} for reports and spend ({@link
 * dev.switchboard.ledger.SpendQuery}). Each row keeps what the sourcing policy decided ({@link
 * dev.switchboard.ledger.DataHandling}: class, rule, action, finding types; never text). Money is
 * long micro-dollars; storage implementations live in sub-packages and are the only place with
 * JDBC.
 */
@NullMarked
package dev.switchboard.ledger;

import org.jspecify.annotations.NullMarked;
