package dev.switchboard.insight.sql;

import dev.switchboard.insight.rollup.Rollup;
import dev.switchboard.ledger.StorageException;
import dev.switchboard.ledger.sql.UsageRows;
import dev.switchboard.storage.Database;
import dev.switchboard.storage.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;

/**
 * Rolls up, once, the ledger rows written before the rollups existed: migration V10 noted the
 * newest request then ({@value #MARK} in {@code meta}); the first gateway to start claims the note
 * by deleting it and, in the same transaction, adds those rows to the rollups chunk by chunk. A
 * node that finds the note gone does nothing, so the rows are counted exactly once. Run it before
 * the ledger writer starts.
 */
public final class Backfill {
  static final String MARK = "insight_backfill_through_seq";
  private static final int CHUNK = 20_000;
  private static final String CHUNK_SQL =
      "SELECT seq, "
          + UsageRows.COLUMNS
          + " FROM requests WHERE seq > ? AND seq <= ? ORDER BY seq LIMIT "
          + CHUNK;

  private Backfill() {}

  /** Rolls up the rows written before V10, if no node did yet; returns how many it rolled up. */
  public static long run(Database database, Rollup rollup) {
    try {
      return Transactions.run(database, c -> claimAndRollUp(c, rollup));
    } catch (SQLException e) {
      throw new StorageException("cannot roll up the ledger written before the rollups", e);
    }
  }

  private static long claimAndRollUp(Connection c, Rollup rollup) throws SQLException {
    long through;
    try (PreparedStatement mark = c.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
      mark.setString(1, MARK);
      try (ResultSet rows = mark.executeQuery()) {
        if (!rows.next()) {
          return 0;
        }
        through = Long.parseLong(rows.getString(1));
      }
    }
    try (PreparedStatement claim = c.prepareStatement("DELETE FROM meta WHERE name = ?")) {
      claim.setString(1, MARK);
      if (claim.executeUpdate() != 1) {
        return 0; // another node claimed it first
      }
    }
    return rollUp(c, rollup, 0, through);
  }

  /**
   * Adds the requests with {@code after < seq <= through} to the rollups on {@code c}'s
   * transaction, a chunk at a time; returns how many.
   */
  static long rollUp(Connection c, Rollup rollup, long after, long through) throws SQLException {
    long count = 0;
    long last = after;
    try (PreparedStatement chunk = c.prepareStatement(CHUNK_SQL)) {
      while (last < through) {
        chunk.setLong(1, last);
        chunk.setLong(2, through);
        Rollup.Sums sums = rollup.sums();
        int read = 0;
        try (ResultSet rows = chunk.executeQuery()) {
          while (rows.next()) {
            last = rows.getLong("seq");
            sums.add(UsageRows.read(rows));
            read++;
          }
        }
        RollupHook.write(c, sums);
        count += read;
        if (read < CHUNK) {
          break;
        }
      }
    }
    return count;
  }
}
