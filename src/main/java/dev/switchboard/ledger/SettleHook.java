package dev.switchboard.ledger;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Settles a row's budget reservation inside the transaction that writes the row, so the row's cost
 * is charged exactly once: both commit or neither does. The PostgreSQL ledger writer calls it, on
 * its writer thread, for every row whose {@link UsageRecord#reservationId()} is present, after the
 * row is inserted and before the commit. It must not commit, roll back or close {@code c}; throwing
 * fails the row (and, for a batch, retries the rows one by one).
 */
@FunctionalInterface
public interface SettleHook {
  /** Nothing to settle: rows carry no reservation the store knows. */
  SettleHook NONE = (c, row) -> {};

  void settle(Connection c, UsageRecord row) throws SQLException;
}
