package dev.switchboard.storage;

import static org.assertj.core.api.Assertions.assertThat;

import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;

/** One-statement helpers for tests that look into a database directly. */
public final class SqlProbe {
  private SqlProbe() {}

  public static void execute(Database db, String sql) throws SQLException {
    try (Connection c = db.connection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }

  /** The first column of the first row, as text; fails when there is no row. */
  public static String query(Database db, String sql) throws SQLException {
    try (Connection c = db.connection();
        Statement s = c.createStatement();
        ResultSet rows = s.executeQuery(sql)) {
      assertThat(rows.next()).as("a row for %s", sql).isTrue();
      return rows.getString(1);
    }
  }
}
