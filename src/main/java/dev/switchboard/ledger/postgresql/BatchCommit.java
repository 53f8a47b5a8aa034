package dev.switchboard.ledger.postgresql;

import dev.switchboard.attempt.Attempt;
import dev.switchboard.ledger.SettleHook;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.sql.AttemptRows;
import dev.switchboard.ledger.sql.BatchHook;
import dev.switchboard.ledger.sql.GroupCommit;
import dev.switchboard.ledger.sql.GroupCommit.Pending;
import dev.switchboard.ledger.sql.UsageRows;
import dev.switchboard.storage.Database;
import dev.switchboard.storage.Transactions;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.SQLNonTransientConnectionException;
import java.sql.SQLTransientConnectionException;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One batch of ledger rows in one PostgreSQL transaction, for the writer thread only. A batch that
 * fails because of one of its rows (a duplicate id, a value out of range) is retried row by row so
 * the other rows commit; one that lost a deadlock or a serialization conflict to another node is
 * retried whole; one that cannot reach the server fails every row at once (each row would only wait
 * for the same timeout again).
 */
final class BatchCommit implements GroupCommit.Batches {
  private static final String CHARGE_KEY =
      "UPDATE api_keys SET spent_micros = spent_micros + ? WHERE id = ?";
  private static final int CONFLICT_RETRIES = 3;
  private static final Set<String> SERVER_FAILURES = Set.of("08", "53", "57", "58", "XX");

  final AtomicLong batches = new AtomicLong();
  final AtomicLong rows = new AtomicLong();
  private final Database database;
  private final SettleHook settle;
  private final BatchHook rollups;

  BatchCommit(Database database, SettleHook settle, BatchHook rollups) {
    this.database = database;
    this.settle = settle;
    this.rollups = rollups;
  }

  /** The batch, again when it lost a deadlock or a serialization conflict to another node. */
  @Override
  public void commit(List<Pending> batch) throws SQLException {
    for (int attempt = 1; ; attempt++) {
      try {
        transaction(batch);
        return;
      } catch (SQLException e) {
        if (attempt >= CONFLICT_RETRIES || !sqlState(e).startsWith("40")) {
          throw e;
        }
      }
    }
  }

  private void transaction(List<Pending> batch) throws SQLException {
    Transactions.run(
        database,
        c -> {
          insertRows(c, batch);
          insertAttempts(c, batch);
          charge(c, batch);
          rollups.written(c, batch.stream().map(Pending::record).toList());
          for (Pending pending : batch) {
            if (pending.record().reservationId().isPresent()) {
              settle.settle(c, pending.record());
            }
          }
          return null;
        });
    batches.incrementAndGet();
    rows.addAndGet(batch.size());
    for (Pending pending : batch) {
      pending.done().complete(null);
    }
  }

  private static void insertRows(Connection c, List<Pending> batch) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(UsageRows.INSERT)) {
      for (Pending pending : batch) {
        UsageRows.bind(insert, pending.record());
        insert.addBatch();
      }
      insert.executeBatch();
    }
  }

  // After the rows, which the attempts reference.
  private static void insertAttempts(Connection c, List<Pending> batch) throws SQLException {
    try (PreparedStatement insert = c.prepareStatement(AttemptRows.INSERT)) {
      int count = 0;
      for (Pending pending : batch) {
        for (Attempt attempt : pending.attempts()) {
          AttemptRows.bind(insert, attempt);
          insert.addBatch();
          count++;
        }
      }
      if (count > 0) {
        insert.executeBatch();
      }
    }
  }

  // One UPDATE per key, in key order: two nodes charging the same keys lock them in the same order
  // and never deadlock each other.
  private static void charge(Connection c, List<Pending> batch) throws SQLException {
    Map<String, Long> costByKey = new TreeMap<>();
    for (Pending pending : batch) {
      UsageRecord row = pending.record();
      costByKey.merge(row.keyId(), row.costMicros(), Math::addExact);
    }
    try (PreparedStatement update = c.prepareStatement(CHARGE_KEY)) {
      int count = 0;
      for (Map.Entry<String, Long> entry : costByKey.entrySet()) {
        if (entry.getValue() != 0) {
          update.setLong(1, entry.getValue());
          update.setString(2, entry.getKey());
          update.addBatch();
          count++;
        }
      }
      if (count > 0) {
        update.executeBatch();
      }
    }
  }

  // Only a failure of the connection or the server (08 connection, 53 resources, 57 operator or
  // timeout, 58 system, XX internal; the pool's own timeouts) would repeat for every row: any other
  // error (a duplicate id, a value out of range, the settle hook refusing a row) belongs to a row.
  @Override
  public boolean causedByARow(Exception e) {
    if (e instanceof RuntimeException) {
      return true;
    }
    if (e instanceof SQLTransientConnectionException
        || e instanceof SQLNonTransientConnectionException) {
      return false;
    }
    String state = sqlState((SQLException) e);
    return state.length() < 2 || !SERVER_FAILURES.contains(state.substring(0, 2));
  }

  // A batch's own exception often carries a generic state; the server's is on the chain.
  private static String sqlState(SQLException e) {
    for (SQLException link = e; link != null; link = link.getNextException()) {
      String state = link.getSQLState();
      if (state != null && !state.isEmpty() && !state.equals("00000")) {
        return state;
      }
    }
    return "";
  }

  @Override
  public void finish() {
    // The pool is the database's, closed with it.
  }
}
