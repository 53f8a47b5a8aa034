package dev.switchboard.ledger.sqlite;

import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.sql.BatchHook;
import dev.switchboard.ledger.sql.UsageRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.logging.Level;
import java.util.logging.Logger;

/**
 * The SQLite writer's batch hook (the insight rollups), run on the rows of about a second at once
 * in a transaction of its own, instead of in every batch's: with one request at a time each batch
 * is one row, and its ~20 rollup upserts cost more than the row, on the path of its response.
 *
 * <p>Nothing is lost to a crash: the hook's transaction also notes the newest request it covers
 * ({@value #THROUGH} in {@code meta}), and a writer that opens first runs the hook on the rows
 * after it. SQLite has one writer, so every row up to the newest at a flush was noted here. Used by
 * the writer thread only.
 */
final class DeferredHook {
  static final String THROUGH = "deferred_hook_through_seq";
  private static final Logger LOG = Logger.getLogger(DeferredHook.class.getName());
  private static final long DUE_NANOS = 1_000_000_000L;
  private static final int MOST_ROWS = 10_000;
  private static final String NOTE_THROUGH =
      "INSERT INTO meta (name, value) SELECT '"
          + THROUGH
          // WHERE true: without it SQLite reads ON CONFLICT as a join constraint.
          + "', CAST(COALESCE(MAX(seq), 0) AS TEXT) FROM requests WHERE true"
          + " ON CONFLICT (name) DO UPDATE SET value = excluded.value";
  private static final String ROWS_AFTER =
      "SELECT " + UsageRows.COLUMNS + " FROM requests WHERE seq > ? ORDER BY seq";

  private final BatchHook hook;
  private final List<UsageRecord> rows = new ArrayList<>();
  private long lastRun = System.nanoTime();

  DeferredHook(BatchHook hook) {
    this.hook = hook;
  }

  /**
   * Before the writer starts: runs the hook on the rows a crash left without it, in one
   * transaction. A ledger without the note was written with the hook in every batch's transaction
   * (or holds no rows): it is noted as covered.
   */
  static void catchUp(Connection c, BatchHook hook) throws SQLException {
    if (hook == BatchHook.NONE) {
      return; // and no note: the rows this writer adds are left to a writer with the hook
    }
    c.setAutoCommit(false);
    try {
      long through = through(c);
      if (through >= 0) {
        List<UsageRecord> missed = new ArrayList<>();
        try (PreparedStatement after = c.prepareStatement(ROWS_AFTER)) {
          after.setLong(1, through);
          try (ResultSet found = after.executeQuery()) {
            while (found.next()) {
              missed.add(UsageRows.read(found));
            }
          }
        }
        if (!missed.isEmpty()) {
          hook.written(c, missed);
          LOG.info("ran the ledger's batch hook on " + missed.size() + " rows a stop left out");
        }
      }
      noteThrough(c);
      c.commit();
    } catch (SQLException | RuntimeException e) {
      c.rollback();
      throw e;
    } finally {
      c.setAutoCommit(true);
    }
  }

  /** After a batch's commit: its rows wait for the next run of the hook. */
  void committed(List<UsageRecord> batch) {
    if (hook != BatchHook.NONE) {
      rows.addAll(batch);
    }
  }

  /**
   * Runs the hook on the rows waiting, in a transaction of its own, if it is due (a second since
   * the last run, or many rows) or {@code now}. A run that fails leaves them waiting.
   */
  void runIfDue(Connection c, WriterStatements statements, boolean now) {
    if (rows.isEmpty()
        || !now && rows.size() < MOST_ROWS && System.nanoTime() - lastRun < DUE_NANOS) {
      return;
    }
    lastRun = System.nanoTime();
    try {
      statements.begin.execute();
      try {
        hook.written(c, rows);
        noteThrough(c);
        statements.commit.execute();
      } catch (SQLException | RuntimeException e) {
        statements.rollback.execute();
        throw e;
      }
      rows.clear();
    } catch (SQLException | RuntimeException e) {
      LOG.log(Level.WARNING, "the ledger's batch hook failed on " + rows.size() + " rows", e);
      if (rows.size() >= 10 * MOST_ROWS) {
        rows.clear(); // a hook that keeps failing must not hold every row; the note stays behind
      }
    }
  }

  private static long through(Connection c) throws SQLException {
    try (PreparedStatement read = c.prepareStatement("SELECT value FROM meta WHERE name = ?")) {
      read.setString(1, THROUGH);
      try (ResultSet found = read.executeQuery()) {
        return found.next() ? Long.parseLong(found.getString(1)) : -1;
      }
    }
  }

  private static void noteThrough(Connection c) throws SQLException {
    try (PreparedStatement note = c.prepareStatement(NOTE_THROUGH)) {
      note.executeUpdate();
    }
  }
}
