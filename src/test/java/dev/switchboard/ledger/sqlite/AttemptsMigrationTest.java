package dev.switchboard.ledger.sqlite;

import static dev.switchboard.storage.SqlProbe.execute;
import static dev.switchboard.storage.SqlProbe.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ledger.sql.SqlLedgerReader;
import dev.switchboard.storage.Migrations;
import dev.switchboard.storage.sqlite.Downgrade;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** V5 adds the attempts table to a ledger that already has rows; the table guards its values. */
class AttemptsMigrationTest {
  private static final String ROW =
      "INSERT INTO requests (id, at, key_id, requested_model, prompt_tokens, completion_tokens,"
          + " cached_tokens, reasoning_tokens, estimated, cost_micros, latency_ms, stream, status)"
          + " VALUES ('old', 0, 'k', 'm', 10, 5, 0, 0, 0, 3, 1, 0, 200)";
  private static final String ATTEMPT =
      "INSERT INTO attempts (generation_id, number, provider, model, outcome, status, started_at,"
          + " latency_ms, bytes, output_tokens) VALUES ";

  @TempDir Path dir;

  @Test
  void upgradesAVersion4Ledger_whoseOldRowsHaveNoAttempts() throws SQLException {
    Path file = dir.resolve("old.db");
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      Downgrade.to(db, 4);
      execute(db, ROW);
    }

    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      assertThat(query(db, "SELECT MAX(version) FROM schema_version"))
          .isEqualTo(String.valueOf(Migrations.SCRIPTS.size()));
      SqlLedgerReader reader = SqlLedgerReader.of(db);
      assertThat(reader.find("old")).isPresent();
      assertThat(reader.attempts("old")).isEmpty();
    }
  }

  @Test
  void refusesAttempts_ofNoRow_orWithImpossibleValues() throws SQLException {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("a.db"))) {
      execute(db, ROW);
      execute(db, ATTEMPT + "('old', 1, 'p', 'm', 'ok', 200, 0, 5, 10, 1)");
      for (String values :
          new String[] {
            "('nobody', 1, 'p', 'm', 'ok', 200, 0, 5, 10, 1)",
            "('old', 1, 'p', 'm', 'ok', 200, 0, 5, 10, 1)",
            "('old', 2, 'p', 'm', 'fine', 200, 0, 5, 10, 1)",
            "('old', 2, 'p', 'm', 'ok', 0, 0, 5, 10, 1)",
            "('old', 2, 'p', 'm', 'ok', 200, 0, 5, -1, 1)"
          }) {
        assertThatThrownBy(() -> execute(db, ATTEMPT + values))
            .as(values)
            .isInstanceOf(SQLException.class);
      }
      assertThat(query(db, "SELECT COUNT(*) FROM attempts")).isEqualTo("1");
    }
  }
}
