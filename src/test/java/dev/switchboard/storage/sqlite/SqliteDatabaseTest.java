package dev.switchboard.storage.sqlite;

import static dev.switchboard.storage.SqlProbe.execute;
import static dev.switchboard.storage.SqlProbe.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.storage.Migrations;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SqliteDatabaseTest {
  @TempDir Path dir;

  @Test
  void migratesOnce_whenOpenedTwice() throws SQLException {
    Path file = dir.resolve("nested/deeper/switchboard.db");
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      execute(db, "INSERT INTO meta (name, value) VALUES ('probe', 'kept')");
    }
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      assertThat(query(db, "SELECT COUNT(*) FROM schema_version"))
          .isEqualTo(String.valueOf(Migrations.SCRIPTS.size()));
      assertThat(query(db, "SELECT MAX(version) FROM schema_version"))
          .isEqualTo(String.valueOf(Migrations.SCRIPTS.size()));
      assertThat(query(db, "SELECT value FROM meta WHERE name = 'probe'")).isEqualTo("kept");
    }
  }

  @Test
  void opens_whileAnotherProcessHoldsTheWriteLock() throws SQLException {
    Path file = dir.resolve("busy.db");
    try (SqliteDatabase gateway = SqliteDatabase.open(file);
        Connection writer = gateway.connection();
        Statement lock = writer.createStatement()) {
      lock.execute("BEGIN IMMEDIATE");
      lock.execute("INSERT INTO meta (name, value) VALUES ('uncommitted', 'x')");

      // Without the write lock being free; the busy timeout would fail this after 5 s.
      try (SqliteDatabase report = SqliteDatabase.open(file)) {
        assertThat(query(report, "SELECT COUNT(*) FROM meta WHERE name = 'uncommitted'"))
            .isEqualTo("0");
      }
      lock.execute("ROLLBACK");
    }
  }

  @Test
  void refusesADatabaseFromANewerVersion() throws SQLException {
    Path file = dir.resolve("newer.db");
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      execute(db, "INSERT INTO schema_version (version, script, applied_at) VALUES (99, 'V99', 0)");
    }
    assertThatThrownBy(() -> SqliteDatabase.open(file))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("schema version 99");
  }

  @Test
  void configuresEveryConnection_forDurability() throws SQLException {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("a.db"))) {
      assertThat(query(db, "PRAGMA journal_mode")).isEqualTo("wal");
      assertThat(query(db, "PRAGMA synchronous")).isEqualTo("2"); // FULL
      assertThat(query(db, "PRAGMA busy_timeout")).isEqualTo("5000");
      assertThat(query(db, "PRAGMA foreign_keys")).isEqualTo("1");
    }
  }

  @Test
  void createsTheSchema() throws SQLException {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("a.db"))) {
      assertThat(
              query(
                  db,
                  "SELECT group_concat(name, ',') FROM"
                      + " (SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name)"))
          .isEqualTo(
              "api_keys,attempts,budget_reservations,budget_windows,idempotency,meta,requests,"
                  + "schema_version,usage_hourly");
      assertThat(
              query(
                  db,
                  "SELECT COUNT(*) FROM sqlite_master WHERE type = 'index'"
                      + " AND name IN ('requests_at', 'requests_key_id', 'api_keys_active_name')"))
          .isEqualTo("3");
    }
  }

  @Test
  void refusesConnections_afterClose() {
    SqliteDatabase db = SqliteDatabase.open(dir.resolve("a.db"));
    db.close();
    db.close();
    assertThatThrownBy(db::connection)
        .isInstanceOf(SQLException.class)
        .hasMessageContaining("closed");
  }

  @Test
  void rollsBack_whenWorkFails() throws SQLException {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("a.db"));
        Connection c = db.connection()) {
      assertThatThrownBy(
              () ->
                  SqliteDatabase.immediate(
                      c,
                      tx -> {
                        try (Statement s = tx.createStatement()) {
                          s.execute("INSERT INTO meta (name, value) VALUES ('x', '1')");
                          s.execute("INSERT INTO meta (name, value) VALUES ('x', '2')");
                        }
                        return null;
                      }))
          .isInstanceOf(SQLException.class);
      assertThat(query(db, "SELECT COUNT(*) FROM meta WHERE name = 'x'")).isEqualTo("0");
      assertThat(c.getAutoCommit()).isTrue();
    }
  }
}
