package dev.switchboard.budget.sql;

import dev.switchboard.budget.BudgetWindow;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One reserve in one autocommit statement, so one round trip: lock the windows in id order (the
 * lock order every budget statement follows), decide from their latest committed counters whether
 * every one can pay, and only then raise each window's reserved amount and insert the reservation
 * record. The statement returns each window's counters as it found them, to name the one that could
 * not pay.
 */
final class ReserveStatement {
  /** A window's counters before the reserve. */
  record Found(String id, long spent, long reserved, long limit) {
    long remaining() {
      return limit - spent - reserved;
    }
  }

  /** What the statement did: {@code held} true when the reservation was recorded. */
  record Outcome(boolean held, List<Found> found) {}

  private static final ConcurrentHashMap<Integer, String> SQL = new ConcurrentHashMap<>();

  private ReserveStatement() {}

  static Outcome run(Connection c, Request r) throws SQLException {
    List<BudgetWindow> windows = r.windows();
    try (PreparedStatement ps =
        c.prepareStatement(SQL.computeIfAbsent(windows.size(), ReserveStatement::sql))) {
      int i = 1;
      for (BudgetWindow w : windows) {
        ps.setString(i++, w.id());
        ps.setLong(i++, w.limitMicros());
      }
      ps.setLong(i++, r.amount());
      ps.setLong(i++, r.amount());
      ps.setLong(i++, r.nowMillis());
      ps.setInt(i++, windows.size());
      ps.setString(i++, r.id());
      ps.setString(i++, windows.get(0).keyId());
      ps.setString(i++, String.join(",", ids(windows)));
      ps.setLong(i++, r.amount());
      ps.setString(i++, r.nodeId());
      ps.setLong(i++, r.nowMillis());
      ps.setLong(i++, r.expiresAtMillis());
      ps.setInt(i, windows.size());
      List<Found> found = new ArrayList<>(windows.size());
      boolean held = false;
      try (ResultSet rows = ps.executeQuery()) {
        while (rows.next()) {
          found.add(
              new Found(rows.getString(1), rows.getLong(2), rows.getLong(3), rows.getLong(4)));
          held = rows.getLong(5) == 1;
        }
      }
      return new Outcome(held, Collections.unmodifiableList(found));
    }
  }

  /** A reserve to run. */
  record Request(
      String id,
      List<BudgetWindow> windows,
      long amount,
      String nodeId,
      long nowMillis,
      long expiresAtMillis) {}

  static List<String> ids(List<BudgetWindow> windows) {
    return windows.stream().map(BudgetWindow::id).sorted().toList();
  }

  private static String sql(int windows) {
    String values =
        String.join(", ", Collections.nCopies(windows, "(CAST(? AS TEXT), CAST(? AS BIGINT))"));
    return "WITH req (id, lim) AS (VALUES "
        + values
        + "), w AS (SELECT b.id, b.spent_micros, b.reserved_micros, req.lim"
        + " FROM budget_windows b JOIN req ON req.id = b.id ORDER BY b.id FOR UPDATE OF b),"
        + " verdict AS (SELECT count(*) AS found,"
        + " COALESCE(bool_and(spent_micros + reserved_micros + ? <= lim), FALSE) AS ok FROM w),"
        + " upd AS (UPDATE budget_windows b SET reserved_micros = b.reserved_micros + ?,"
        + " limit_micros = w.lim, updated_at = ? FROM w, verdict"
        + " WHERE b.id = w.id AND verdict.ok AND verdict.found = ? RETURNING b.id),"
        + " ins AS (INSERT INTO budget_reservations (id, key_id, window_ids, amount_micros, state,"
        + " node_id, created_at, expires_at) SELECT ?, ?, ?, ?, 'open', ?, ?, ? FROM verdict"
        + " WHERE verdict.ok AND verdict.found = ? RETURNING id)"
        + " SELECT w.id, w.spent_micros, w.reserved_micros, w.lim, (SELECT count(*) FROM ins)"
        + " FROM w";
  }
}
