package dev.switchboard.ledger.sqlite;

import static dev.switchboard.storage.SqlProbe.execute;
import static dev.switchboard.storage.SqlProbe.query;
import static org.assertj.core.api.Assertions.assertThat;

import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.sql.SqlLedgerReader;
import dev.switchboard.storage.Migrations;
import dev.switchboard.storage.sqlite.Downgrade;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * V9 adds a row's session and reservation: a ledger written before it keeps its rows, read as of no
 * session and no reservation, and their cost still counts in the key's spend.
 */
class LedgerSessionsMigrationTest {
  @TempDir Path dir;

  @Test
  void upgradesAVersion8Ledger_readingOldRowsAsOfNoSession() throws SQLException {
    Path file = dir.resolve("v8.db");
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      undoVersion9(db);
      execute(
          db,
          "INSERT INTO requests (id, at, key_id, requested_model, prompt_tokens,"
              + " completion_tokens, cached_tokens, reasoning_tokens, estimated, cost_micros,"
              + " latency_ms, stream, status) VALUES ('old', 1000, 'k', 'm', 10, 5, 0, 0, 0, 3,"
              + " 1, 0, 200)");
    }
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      assertThat(query(db, "SELECT MAX(version) FROM schema_version"))
          .isEqualTo(String.valueOf(Migrations.SCRIPTS.size()));
      SqlLedgerReader reader = SqlLedgerReader.of(db);
      UsageRecord old = reader.find("old").orElseThrow();
      assertThat(old.sessionId()).isEmpty();
      assertThat(old.reservationId()).isEmpty();
      assertThat(reader.spentMicros("k", Instant.EPOCH, Optional.empty())).isEqualTo(3);
      assertThat(reader.spentMicros("k", Instant.EPOCH, Optional.of("s"))).isZero();
    }
  }

  /** Turns a fresh file back into what Switchboard wrote before V9. */
  static void undoVersion9(SqliteDatabase db) throws SQLException {
    Downgrade.to(db, 8);
  }
}
