package dev.switchboard.ledger.sqlite;

import static dev.switchboard.storage.SqlProbe.execute;
import static dev.switchboard.storage.SqlProbe.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.account.sql.SqlKeyStore;
import dev.switchboard.ledger.DataHandling;
import dev.switchboard.ledger.SpendGroup;
import dev.switchboard.ledger.SpendQuery;
import dev.switchboard.ledger.SpendRow;
import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.sql.SqlLedgerReader;
import dev.switchboard.storage.Migrations;
import dev.switchboard.storage.sqlite.Downgrade;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V6 adds the policy's decision to a ledger that already has rows and keys: old rows read as made
 * without a policy, old keys have no default class, and the table refuses classes and actions that
 * do not exist.
 */
class DataHandlingMigrationTest {
  private static final String ROW =
      "INSERT INTO requests (id, at, key_id, requested_model, prompt_tokens, completion_tokens,"
          + " cached_tokens, reasoning_tokens, estimated, cost_micros, latency_ms, stream, status)"
          + " VALUES ('%s', 0, 'k', 'm', 10, 5, 0, 0, 0, %d, 1, 0, 200)";
  private static final String KEY =
      "INSERT INTO api_keys (id, name, key_hash, hint, spent_micros, created_at)"
          + " VALUES ('key_old', 'old', 'h', 'sk-sb-v1-abc…', 7, 0)";

  @TempDir Path dir;

  @Test
  void upgradesAVersion5Ledger_keepingItsRowsAndKeys_withTheDefaults() throws SQLException {
    Path file = dir.resolve("v5.db");
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      undoVersion6(db);
      execute(db, ROW.formatted("old-1", 3));
      execute(db, ROW.formatted("old-2", 4));
      execute(db, KEY);
      assertThat(query(db, "SELECT COUNT(*) FROM pragma_table_info('requests')"))
          .as("a version 5 table")
          .isEqualTo("21");
    }

    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      assertThat(query(db, "SELECT MAX(version) FROM schema_version"))
          .isEqualTo(String.valueOf(Migrations.SCRIPTS.size()));
      SqlLedgerReader reader = SqlLedgerReader.of(db);
      UsageRecord old = reader.find("old-1").orElseThrow();
      assertThat(old.handling()).isEqualTo(DataHandling.NONE);
      assertThat(old.costMicros()).isEqualTo(3);
      assertThat(reader.spend(SpendQuery.of(SpendGroup.DATA_CLASS)))
          .containsExactly(new SpendRow(Optional.of("public"), 2, 20, 10, 7));
      assertThat(SqlKeyStore.of(db).list())
          .singleElement()
          .satisfies(key -> assertThat(key.dataClass()).isEmpty())
          .satisfies(key -> assertThat(key.spentMicros()).isEqualTo(7));
    }
  }

  /** Turns a fresh file back into what Switchboard wrote before V6. */
  static void undoVersion6(SqliteDatabase db) throws SQLException {
    Downgrade.to(db, 5);
  }

  @Test
  void refusesClassesAndActionsThatDoNotExist() throws SQLException {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("a.db"))) {
      execute(db, ROW.formatted("row", 1));
      execute(db, "UPDATE requests SET data_class = 'regulated', policy_action = 'block'");
      for (String update :
          List.of(
              "UPDATE requests SET data_class = 'secret'",
              "UPDATE requests SET data_class = NULL",
              "UPDATE requests SET policy_action = 'allow'",
              "UPDATE requests SET finding_types = NULL")) {
        assertThatThrownBy(() -> execute(db, update)).as(update).isInstanceOf(SQLException.class);
      }
      assertThat(query(db, "SELECT data_class || ' ' || policy_action FROM requests"))
          .isEqualTo("regulated block");
    }
  }
}
