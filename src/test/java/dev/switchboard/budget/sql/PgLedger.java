package dev.switchboard.budget.sql;

import dev.switchboard.budget.Reservation;
import dev.switchboard.storage.Database;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import java.util.UUID;

/**
 * Writes ledger rows the way the PostgreSQL ledger writer does: the row and its settle hook in one
 * transaction, then tells the budgets the row is durable.
 */
final class PgLedger {
  private final Database database;
  private final Instant at;

  PgLedger(Database database, Instant at) {
    this.database = database;
    this.at = at;
  }

  /** A settled row for reservation {@code r} of {@code cost}. */
  void settle(SqlBudgets budgets, Reservation r, long cost, Optional<String> session) {
    try (Connection c = database.connection()) {
      c.setAutoCommit(false);
      try {
        insert(c, r.keyId(), cost, session, Optional.of(r.id()));
        budgets.charge(c, r.id(), cost);
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    budgets.settled(r, cost);
  }

  /**
   * One group commit: a row per reservation, each charged {@code cost}, in one transaction in the
   * order given, then each told to its budgets.
   */
  void settleBatch(SqlBudgets budgets, java.util.List<Reservation> batch, long cost) {
    try (Connection c = database.connection()) {
      c.setAutoCommit(false);
      try {
        for (Reservation r : batch) {
          insert(c, r.keyId(), cost, Optional.empty(), Optional.of(r.id()));
          budgets.charge(c, r.id(), cost);
        }
        c.commit();
      } catch (SQLException | RuntimeException e) {
        c.rollback();
        throw e;
      }
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
    batch.forEach(r -> budgets.settled(r, cost));
  }

  /** A row without a reservation (spend from before the key had a limit). */
  void spend(String keyId, long cost, Optional<String> session) {
    try (Connection c = database.connection()) {
      insert(c, keyId, cost, session, Optional.empty());
    } catch (SQLException e) {
      throw new IllegalStateException(e);
    }
  }

  private void insert(
      Connection c, String keyId, long cost, Optional<String> session, Optional<String> reservation)
      throws SQLException {
    try (PreparedStatement ps =
        c.prepareStatement(
            "INSERT INTO requests (id, at, key_id, requested_model, prompt_tokens,"
                + " completion_tokens, cached_tokens, reasoning_tokens, estimated, cost_micros,"
                + " latency_ms, stream, status, session_id, reservation_id)"
                + " VALUES (?, ?, ?, 'm', 1, 1, 0, 0, 0, ?, 1, 1, 200, ?, ?)")) {
      ps.setString(1, "gen-" + UUID.randomUUID());
      ps.setLong(2, at.toEpochMilli());
      ps.setString(3, keyId);
      ps.setLong(4, cost);
      ps.setString(5, session.orElse(null));
      ps.setString(6, reservation.orElse(null));
      ps.executeUpdate();
    }
  }
}
