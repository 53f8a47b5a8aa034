package dev.switchboard.budget.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rebuilds the window counters from their sources and compares: spent from the ledger rows in the
 * window's span (from its start to the start of the key's next window of the same kind, or for
 * ever), reserved from the open reservation records.
 */
final class BudgetAudit {
  private record Row(
      String id,
      String keyId,
      String kind,
      long start,
      String sessionId,
      long spent,
      long reserved) {}

  private BudgetAudit() {}

  static int openReservations(Connection c) throws SQLException {
    try (PreparedStatement ps =
            c.prepareStatement("SELECT count(*) FROM budget_reservations WHERE state = 'open'");
        ResultSet rows = ps.executeQuery()) {
      rows.next();
      return rows.getInt(1);
    }
  }

  static List<String> discrepancies(Connection c) throws SQLException {
    List<Row> windows = windows(c);
    Map<String, Long> held = held(c);
    List<String> found = new ArrayList<>();
    for (Row w : windows) {
      long end = nextStart(windows, w);
      long ledger = ledgerSum(c, w, end);
      long reserved = held.getOrDefault(w.id(), 0L);
      if (w.spent() != ledger || w.reserved() != reserved) {
        found.add(
            w.id()
                + ": spent "
                + w.spent()
                + " (ledger "
                + ledger
                + "), reserved "
                + w.reserved()
                + " (open reservations "
                + reserved
                + ")");
      }
    }
    return found;
  }

  private static List<Row> windows(Connection c) throws SQLException {
    List<Row> windows = new ArrayList<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT id, key_id, kind, starts_at, session_id, spent_micros, reserved_micros"
                    + " FROM budget_windows");
        ResultSet rows = ps.executeQuery()) {
      while (rows.next()) {
        windows.add(
            new Row(
                rows.getString(1),
                rows.getString(2),
                rows.getString(3),
                rows.getLong(4),
                rows.getString(5),
                rows.getLong(6),
                rows.getLong(7)));
      }
    }
    return windows;
  }

  private static Map<String, Long> held(Connection c) throws SQLException {
    Map<String, Long> held = new HashMap<>();
    try (PreparedStatement ps =
            c.prepareStatement(
                "SELECT window_ids, amount_micros FROM budget_reservations WHERE state = 'open'");
        ResultSet rows = ps.executeQuery()) {
      while (rows.next()) {
        long amount = rows.getLong(2);
        for (String id : rows.getString(1).split(",")) {
          held.merge(id, amount, Long::sum);
        }
      }
    }
    return held;
  }

  private static long nextStart(List<Row> windows, Row w) {
    if (w.sessionId() != null) {
      return Long.MAX_VALUE;
    }
    long next = Long.MAX_VALUE;
    for (Row other : windows) {
      if (other.keyId().equals(w.keyId())
          && other.kind().equals(w.kind())
          && other.sessionId() == null
          && other.start() > w.start()) {
        next = Math.min(next, other.start());
      }
    }
    return next;
  }

  private static long ledgerSum(Connection c, Row w, long end) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT COALESCE(SUM(cost_micros), 0) FROM requests WHERE key_id = ? AND at >= ?"
                + " AND at < ? AND (CAST(? AS TEXT) IS NULL OR session_id = ?)")) {
      ps.setString(1, w.keyId());
      ps.setLong(2, w.start());
      ps.setLong(3, end);
      ps.setString(4, w.sessionId());
      ps.setString(5, w.sessionId());
      try (ResultSet rows = ps.executeQuery()) {
        rows.next();
        return rows.getLong(1);
      }
    }
  }
}
