package dev.switchboard.ledger;

import java.sql.Connection;
import java.sql.SQLException;

/**
 * Called by the PostgreSQL ledger writer inside a row's transaction for every row whose reservation
 * id is present, so the row and its charge commit together. Stand-in for the storage helper's
 * version (issue 10 contract), same API.
 */
@FunctionalInterface
public interface SettleHook {
  void settle(Connection c, UsageRecord row) throws SQLException;
}
