package dev.switchboard.ledger.sql;

import dev.switchboard.ledger.UsageRecord;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.List;

/**
 * Runs inside the ledger writer's transaction, after a batch's rows are inserted and before the
 * commit (either engine), so what it writes commits with the rows or not at all: the insight
 * rollups. It must not commit, roll back or close {@code c}; throwing fails the batch (which is
 * then retried row by row, when a row caused it).
 */
@FunctionalInterface
public interface BatchHook {
  /** Nothing to do. */
  BatchHook NONE = (c, rows) -> {};

  void written(Connection c, List<UsageRecord> rows) throws SQLException;
}
