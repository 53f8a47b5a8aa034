package dev.switchboard.budget.sql;

import dev.switchboard.budget.BudgetWindow;
import dev.switchboard.budget.WindowUsage;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** The budget_windows rows: created from the ledger sum on first use, read for usage. */
final class WindowRows {
  // The sum and the insert are one statement; a window no reservation has touched yet has no
  // settled row charged to it, so the ledger sum is exactly its spend so far.
  private static final String SEED =
      "INSERT INTO budget_windows (id, key_id, kind, starts_at, session_id, limit_micros,"
          + " spent_micros, reserved_micros, updated_at)"
          + " SELECT ?, ?, ?, ?, ?, ?, COALESCE(SUM(cost_micros), 0), 0, ? FROM requests"
          + " WHERE key_id = ? AND at >= ? AND (CAST(? AS TEXT) IS NULL OR session_id = ?)"
          + " ON CONFLICT (id) DO NOTHING";

  private WindowRows() {}

  static void seed(Connection c, List<BudgetWindow> windows, long nowMillis) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SEED)) {
      for (BudgetWindow w : windows) {
        ps.setString(1, w.id());
        ps.setString(2, w.keyId());
        ps.setString(3, w.kind().name().toLowerCase(Locale.ROOT));
        ps.setLong(4, w.start().toEpochMilli());
        setSession(ps, 5, w);
        ps.setLong(6, w.limitMicros());
        ps.setLong(7, nowMillis);
        ps.setString(8, w.keyId());
        ps.setLong(9, w.start().toEpochMilli());
        setSession(ps, 10, w);
        setSession(ps, 11, w);
        ps.addBatch();
      }
      ps.executeBatch();
    }
  }

  static Map<String, WindowUsage> usage(Connection c, List<String> ids) throws SQLException {
    Map<String, WindowUsage> usage = new HashMap<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, spent_micros, reserved_micros FROM budget_windows WHERE id = ANY (?)")) {
      ps.setArray(1, c.createArrayOf("text", ids.toArray()));
      try (ResultSet rows = ps.executeQuery()) {
        while (rows.next()) {
          usage.put(rows.getString(1), new WindowUsage(rows.getLong(2), rows.getLong(3)));
        }
      }
    }
    return usage;
  }

  private static void setSession(PreparedStatement ps, int index, BudgetWindow w)
      throws SQLException {
    if (w.sessionId().isPresent()) {
      ps.setString(index, w.sessionId().get());
    } else {
      ps.setNull(index, Types.VARCHAR);
    }
  }
}
