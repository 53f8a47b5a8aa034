package dev.switchboard.ledger.sqlite;

import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.sql.BatchHook;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;

/**
 * A batch hook that counts the rows it was run on, in the database (table {@code hook_counts}), in
 * the transaction it is given: a test of the hook's exactly-once reads it next to the rows.
 */
final class CountingHook implements BatchHook {
  static final String COUNTED = "SELECT COALESCE(SUM(n), 0) FROM hook_counts";

  @Override
  public void written(Connection c, List<UsageRecord> rows) throws SQLException {
    try (Statement table = c.createStatement()) {
      table.execute("CREATE TABLE IF NOT EXISTS hook_counts (n INTEGER NOT NULL)");
    }
    try (PreparedStatement add = c.prepareStatement("INSERT INTO hook_counts (n) VALUES (?)")) {
      add.setLong(1, rows.size());
      add.executeUpdate();
    }
  }
}
