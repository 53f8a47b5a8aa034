package dev.switchboard.ledger.sqlite;

import dev.switchboard.ledger.sql.AttemptRows;
import dev.switchboard.ledger.sql.UsageRows;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;

/**
 * The ledger writer's statements, prepared once for its connection's lifetime. Preparing them per
 * transaction (five parses: BEGIN, the two inserts, the charge, COMMIT) cost more than writing a
 * small batch, the common case when requests arrive one at a time. Used by the writer thread only.
 */
final class WriterStatements implements AutoCloseable {
  static final String CHARGE_KEY =
      "UPDATE api_keys SET spent_micros = spent_micros + ? WHERE id = ?";

  final PreparedStatement begin;
  final PreparedStatement commit;
  final PreparedStatement rollback;
  final PreparedStatement insertRow;
  final PreparedStatement insertAttempt;
  final PreparedStatement charge;
  private final List<PreparedStatement> all;

  private WriterStatements(List<PreparedStatement> all) {
    this.all = all;
    this.begin = all.get(0);
    this.commit = all.get(1);
    this.rollback = all.get(2);
    this.insertRow = all.get(3);
    this.insertAttempt = all.get(4);
    this.charge = all.get(5);
  }

  static WriterStatements prepare(Connection connection) throws SQLException {
    List<PreparedStatement> prepared = new ArrayList<>();
    try {
      // IMMEDIATE takes the write lock up front (waiting up to the busy timeout), so the
      // transaction cannot fail half-way on a lock upgrade.
      for (String sql :
          List.of(
              "BEGIN IMMEDIATE",
              "COMMIT",
              "ROLLBACK",
              UsageRows.INSERT,
              AttemptRows.INSERT,
              CHARGE_KEY)) {
        prepared.add(connection.prepareStatement(sql));
      }
      return new WriterStatements(List.copyOf(prepared));
    } catch (SQLException e) {
      closeAll(prepared, e);
      throw e;
    }
  }

  @Override
  public void close() throws SQLException {
    SQLException failure = new SQLException("cannot close the ledger writer's statements");
    closeAll(all, failure);
    if (failure.getSuppressed().length > 0) {
      throw failure;
    }
  }

  private static void closeAll(List<PreparedStatement> statements, Exception cause) {
    for (PreparedStatement statement : statements) {
      try {
        statement.close();
      } catch (SQLException e) {
        cause.addSuppressed(e);
      }
    }
  }
}
