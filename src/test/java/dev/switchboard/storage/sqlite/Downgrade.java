package dev.switchboard.storage.sqlite;

import static dev.switchboard.storage.SqlProbe.execute;

import dev.switchboard.storage.Migrations;
import java.sql.SQLException;
import java.util.List;

/**
 * Turns a freshly migrated SQLite file back into what an older Switchboard wrote, undoing the
 * versions above the target newest first, so a migration test can check the upgrade from there. One
 * place for every version's undo: a new migration adds its case here.
 */
public final class Downgrade {
  private Downgrade() {}

  /** Undoes every version above {@code version} and forgets them in schema_version. */
  public static void to(SqliteDatabase db, int version) throws SQLException {
    for (int v = Migrations.SCRIPTS.size(); v > version; v--) {
      undo(db, v);
    }
    execute(db, "DELETE FROM schema_version WHERE version > " + version);
  }

  private static void undo(SqliteDatabase db, int version) throws SQLException {
    switch (version) {
      case 10 -> {
        execute(db, "DROP TABLE usage_hourly");
        execute(db, "DELETE FROM meta WHERE name = 'insight_backfill_through_seq'");
        dropColumns(db, "requests", List.of("app", "category"));
      }
      case 9 -> {
        execute(db, "DROP INDEX requests_key_session");
        dropColumns(db, "requests", List.of("session_id", "reservation_id"));
      }
      case 8 -> {
        execute(db, "DROP TABLE budget_reservations");
        execute(db, "DROP TABLE budget_windows");
      }
      case 7 ->
          dropColumns(
              db,
              "api_keys",
              List.of(
                  "limit_reset",
                  "expires_at",
                  "models",
                  "rpm",
                  "tpm",
                  "concurrency",
                  "session_cap_micros",
                  "daily_cap_micros",
                  "admin",
                  "updated_at",
                  "seq"));
      case 6 -> {
        dropColumns(
            db, "requests", List.of("data_class", "policy_rule", "policy_action", "finding_types"));
        dropColumns(db, "api_keys", List.of("data_class"));
      }
      case 5 -> execute(db, "DROP TABLE attempts");
      case 4 ->
          dropColumns(db, "requests", List.of("cache_write_5m_tokens", "cache_write_1h_tokens"));
      default -> throw new IllegalArgumentException("no undo for version " + version);
    }
  }

  private static void dropColumns(SqliteDatabase db, String table, List<String> columns)
      throws SQLException {
    for (String column : columns) {
      execute(db, "ALTER TABLE " + table + " DROP COLUMN " + column);
    }
  }
}
