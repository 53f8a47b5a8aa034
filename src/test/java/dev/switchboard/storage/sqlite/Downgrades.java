package dev.switchboard.storage.sqlite;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * Turns a fresh database file back into what an older Switchboard wrote, version by version from
 * the newest, so migration tests can start from an old schema. Each step undoes one script.
 */
public final class Downgrades {
  private Downgrades() {}

  /** Undoes V9 (ledger sessions): the schema of version 8. */
  public static void toVersion8(SqliteDatabase db) throws SQLException {
    execute(db, "DROP INDEX requests_key_session");
    execute(db, "ALTER TABLE requests DROP COLUMN session_id");
    execute(db, "ALTER TABLE requests DROP COLUMN reservation_id");
    execute(db, "DELETE FROM schema_version WHERE version = 9");
  }

  /** Undoes V9 and V8 (budgets): the schema of version 7. */
  public static void toVersion7(SqliteDatabase db) throws SQLException {
    toVersion8(db);
    execute(db, "DROP TABLE budget_reservations");
    execute(db, "DROP TABLE budget_windows");
    execute(db, "DELETE FROM schema_version WHERE version = 8");
  }

  static void execute(SqliteDatabase db, String sql) throws SQLException {
    try (Connection c = db.connection();
        Statement s = c.createStatement()) {
      s.execute(sql);
    }
  }
}
