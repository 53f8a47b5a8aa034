/**
 * The usage ledger: one {@link dev.switchboard.ledger.UsageRecord} per client request, a
 * group-commit {@link dev.switchboard.ledger.LedgerWriter} that acknowledges a row only once it is
 * durable, and a {@link dev.switchboard.ledger.LedgerReader} for reports. Money is long
 * micro-dollars; storage implementations live in sub-packages and are the only place with JDBC.
 */
@NullMarked
package dev.switchboard.ledger;

import org.jspecify.annotations.NullMarked;
