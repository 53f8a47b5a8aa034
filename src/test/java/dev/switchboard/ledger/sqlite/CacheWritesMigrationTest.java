package dev.switchboard.ledger.sqlite;

import static dev.switchboard.storage.SqlProbe.execute;
import static dev.switchboard.storage.SqlProbe.query;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.switchboard.ledger.UsageRecord;
import dev.switchboard.ledger.sql.SqlLedgerReader;
import dev.switchboard.storage.Migrations;
import dev.switchboard.storage.sqlite.Downgrade;
import dev.switchboard.storage.sqlite.SqliteDatabase;
import java.nio.file.Path;
import java.sql.SQLException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** V4 adds the cache-write columns to a ledger that already has rows. */
class CacheWritesMigrationTest {
  @TempDir Path dir;

  @Test
  void upgradesAVersion3Ledger_readingOldRowsAsNoCacheWrites() throws SQLException {
    Path file = dir.resolve("old.db");
    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      // Turn the fresh file back into what Switchboard wrote before V4, with one row in it.
      Downgrade.to(db, 3);
      execute(
          db,
          "INSERT INTO requests (id, at, key_id, requested_model, prompt_tokens,"
              + " completion_tokens, cached_tokens, reasoning_tokens, estimated, cost_micros,"
              + " latency_ms, stream, status) VALUES ('old', 0, 'k', 'm', 10, 5, 4, 0, 0, 3, 1, 0,"
              + " 200)");
    }

    try (SqliteDatabase db = SqliteDatabase.open(file)) {
      assertThat(query(db, "SELECT MAX(version) FROM schema_version"))
          .isEqualTo(String.valueOf(Migrations.SCRIPTS.size()));
      UsageRecord old = SqlLedgerReader.of(db).find("old").orElseThrow();
      assertThat(old.cachedTokens()).isEqualTo(4);
      assertThat(old.cacheWrite5mTokens()).isZero();
      assertThat(old.cacheWrite1hTokens()).isZero();
    }
  }

  @Test
  void refusesNegativeCacheWrites_inTheTable() throws SQLException {
    try (SqliteDatabase db = SqliteDatabase.open(dir.resolve("a.db"))) {
      assertThatThrownBy(
              () ->
                  execute(
                      db,
                      "INSERT INTO requests (id, at, key_id, requested_model, prompt_tokens,"
                          + " completion_tokens, cached_tokens, reasoning_tokens, estimated,"
                          + " cost_micros, latency_ms, stream, status, cache_write_1h_tokens)"
                          + " VALUES ('neg', 0, 'k', 'm', 1, 1, 0, 0, 0, 0, 1, 0, 200, -1)"))
          .isInstanceOf(SQLException.class)
          .hasMessageContaining("CHECK");
    }
  }
}
