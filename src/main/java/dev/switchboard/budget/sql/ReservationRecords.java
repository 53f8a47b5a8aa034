package dev.switchboard.budget.sql;

import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * Statements on reservation records after the reserve. Each locks the reservation's windows in id
 * order first and the record second, the order every budget statement follows, so they never
 * deadlock with each other or with reserves.
 */
final class ReservationRecords {
  // The windows of a reservation, read without a lock, then locked in id order.
  private static final String LOCK_WINDOWS_OF =
      "w AS (SELECT b.id, b.limit_micros - b.spent_micros - b.reserved_micros AS room"
          + " FROM budget_windows b WHERE b.id = ANY (string_to_array((SELECT window_ids FROM"
          + " budget_reservations WHERE id = ?), ',')) ORDER BY b.id FOR UPDATE OF b)";

  private static final String TOP_UP =
      "WITH "
          + LOCK_WINDOWS_OF
          + ", g AS (SELECT CASE WHEN count(*) = 0 THEN NULL"
          + " ELSE GREATEST(0, LEAST(?, MIN(room))) END AS more FROM w),"
          + " r AS (UPDATE budget_reservations SET amount_micros = amount_micros + g.more FROM g"
          + " WHERE id = ? AND state = 'open' AND g.more IS NOT NULL"
          + " RETURNING amount_micros, g.more AS more),"
          + " upd AS (UPDATE budget_windows b SET reserved_micros = b.reserved_micros + r.more,"
          + " updated_at = ? FROM r, w WHERE b.id = w.id AND r.more > 0 RETURNING b.id)"
          + " SELECT r.amount_micros FROM r";

  // The charge: the row's cost moves into spent, the reservation's amount leaves reserved (an
  // expired reservation already released it). The record is deleted: settled exactly once.
  private static final String SETTLE =
      "WITH "
          + LOCK_WINDOWS_OF
          + ", r AS (DELETE FROM budget_reservations WHERE id = ? AND (SELECT count(*) FROM w) >= 0"
          + " RETURNING amount_micros, state),"
          + " upd AS (UPDATE budget_windows b SET spent_micros = b.spent_micros + ?,"
          + " reserved_micros = b.reserved_micros"
          + " - CASE WHEN r.state = 'open' THEN r.amount_micros ELSE 0 END, updated_at = ?"
          + " FROM r, w WHERE b.id = w.id RETURNING b.id)"
          + " SELECT r.amount_micros, r.state, (SELECT count(*) FROM upd) FROM r";

  private static final String EXPIRE =
      "WITH w AS (SELECT b.id FROM budget_windows b WHERE b.id = ANY (string_to_array(?, ','))"
          + " ORDER BY b.id FOR UPDATE OF b),"
          + " r AS (UPDATE budget_reservations SET state = 'expired' WHERE id = ? AND state = 'open'"
          + " AND expires_at < ? AND (SELECT count(*) FROM w) >= 0 RETURNING amount_micros),"
          + " upd AS (UPDATE budget_windows b SET reserved_micros = b.reserved_micros"
          + " - r.amount_micros, updated_at = ? FROM r, w WHERE b.id = w.id RETURNING b.id)"
          + " SELECT count(*) FROM r";

  // A record being settled or topped up right now is skipped (renewed next round): waiting on it
  // while holding other records' locks could deadlock with a ledger transaction.
  private static final String RENEW =
      "UPDATE budget_reservations SET expires_at = ? WHERE id IN (SELECT id FROM"
          + " budget_reservations WHERE id = ANY (?) AND state = 'open' FOR UPDATE SKIP LOCKED)";

  private ReservationRecords() {}

  /** The reservation's new amount, or empty when it is no longer open. */
  static OptionalLong topUp(Connection c, String id, long more, long nowMillis)
      throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(TOP_UP)) {
      ps.setString(1, id);
      ps.setLong(2, more);
      ps.setString(3, id);
      ps.setLong(4, nowMillis);
      try (ResultSet rows = ps.executeQuery()) {
        return rows.next() ? OptionalLong.of(rows.getLong(1)) : OptionalLong.empty();
      }
    }
  }

  /** What settling found: the amount held and the record's state, or nothing (no record). */
  record Settled(long heldMicros, String state, int windows) {}

  static java.util.Optional<Settled> settle(
      Connection c, String id, long chargedMicros, long nowMillis) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(SETTLE)) {
      ps.setString(1, id);
      ps.setString(2, id);
      ps.setLong(3, chargedMicros);
      ps.setLong(4, nowMillis);
      try (ResultSet rows = ps.executeQuery()) {
        return rows.next()
            ? java.util.Optional.of(new Settled(rows.getLong(1), rows.getString(2), rows.getInt(3)))
            : java.util.Optional.empty();
      }
    }
  }

  static int renew(Connection c, List<String> ids, long expiresAtMillis) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(RENEW)) {
      ps.setLong(1, expiresAtMillis);
      ps.setArray(2, c.createArrayOf("text", ids.toArray()));
      return ps.executeUpdate();
    }
  }

  /** An open record past its expiry: its id and windows. */
  record Expired(String id, String windowIds) {}

  static List<Expired> expired(Connection c, long nowMillis, int limit) throws SQLException {
    List<Expired> found = new ArrayList<>();
    try (PreparedStatement ps =
        c.prepareStatement(
            "SELECT id, window_ids FROM budget_reservations WHERE state = 'open'"
                + " AND expires_at < ? ORDER BY expires_at LIMIT ?")) {
      ps.setLong(1, nowMillis);
      ps.setInt(2, limit);
      try (ResultSet rows = ps.executeQuery()) {
        while (rows.next()) {
          found.add(new Expired(rows.getString(1), rows.getString(2)));
        }
      }
    }
    return found;
  }

  /**
   * Releases an orphan's amount from its windows; false when it was renewed or closed meanwhile.
   */
  static boolean expire(Connection c, Expired orphan, long nowMillis) throws SQLException {
    try (PreparedStatement ps = c.prepareStatement(EXPIRE)) {
      ps.setString(1, orphan.windowIds());
      ps.setString(2, orphan.id());
      ps.setLong(3, nowMillis);
      ps.setLong(4, nowMillis);
      try (ResultSet rows = ps.executeQuery()) {
        return rows.next() && rows.getLong(1) == 1;
      }
    }
  }

  /** Forgets expired records older than {@code beforeMillis}: no row will settle them any more. */
  static int forget(Connection c, long beforeMillis) throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "DELETE FROM budget_reservations WHERE state = 'expired' AND expires_at < ?")) {
      ps.setLong(1, beforeMillis);
      return ps.executeUpdate();
    }
  }
}
